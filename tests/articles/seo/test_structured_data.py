"""Share cards and structured data on article pages: what Google News and WeChat read."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from tests.factories import make_article, make_category, make_figures, make_image, uploaded_image
from tests.html_safety import runnable_markup

pytestmark = pytest.mark.django_db
SITE = "https://news.example.cn"
# Google's article structured-data guidelines: what a NewsArticle should carry.
NEWS_ARTICLE_PROPERTIES = {
    "headline",
    "image",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "mainEntityOfPage",
}


@pytest.fixture(autouse=True)
def site(settings):
    settings.NEWSROOM_SITE_URL = SITE


def json_ld(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_news_article_and_breadcrumbs_carry_what_google_asks_for(client, django_user_model):
    author = django_user_model.objects.create_user("wang2019", first_name="王芳")
    news = make_category("新闻中心", slug="news")
    town = make_category("镇街动态", slug="town", parent=news)
    article = make_article(
        "稻田丰收",
        town,
        author=author,
        summary="稻田迎来丰收",
        cover=make_image(file=uploaded_image("c.png", size=(1200, 800))),
    )
    make_figures(article, 1)
    html = client.get(article.get_absolute_url()).content.decode()
    news_article, breadcrumbs = json_ld(html)
    assert news_article["@type"] == "NewsArticle"
    assert news_article.keys() >= NEWS_ARTICLE_PROPERTIES
    assert news_article["headline"] == "稻田丰收"
    assert news_article["description"] == "稻田迎来丰收"
    assert news_article["author"] == [{"@type": "Person", "name": "王芳"}]
    assert news_article["mainEntityOfPage"]["@id"] == SITE + article.get_absolute_url()
    assert news_article["image"][0] == {
        "@type": "ImageObject",
        "url": SITE + article.cover.file.url,
        "width": 1200,
        "height": 800,
    }
    assert len(news_article["image"]) == 2
    assert news_article["publisher"]["logo"]["url"].startswith(SITE + "/static/img/logo")
    assert news_article["datePublished"].startswith(article.publish_at.astimezone().strftime("%Y-"))
    assert [item["name"] for item in breadcrumbs["itemListElement"]] == ["新闻中心", "镇街动态", "稻田丰收"]
    assert breadcrumbs["itemListElement"][1]["item"] == SITE + town.get_absolute_url()


def test_a_hostile_title_cannot_break_out_of_the_structured_data(client):
    title = '</script><script>alert(1)</script> & "引号"'
    article = make_article(title)
    html = client.get(article.get_absolute_url()).content.decode()
    (news_article, _) = json_ld(html)
    assert news_article["headline"] == title
    assert "</script><script>alert(1)" not in html
    assert runnable_markup(html, {"form", "button", "link", "meta"}) == []


def test_share_cards_name_title_description_image_and_address(client):
    article = make_article(
        "稻田丰收",
        summary="稻田迎来丰收",
        cover=make_image(file=uploaded_image("c.png", size=(1200, 630))),
        tags=["乡村振兴"],
    )
    html = client.get(article.get_absolute_url()).content.decode()
    expected = {
        "og:type": "article",
        "og:title": "稻田丰收",
        "og:description": "稻田迎来丰收",
        "og:url": SITE + article.get_absolute_url(),
        "og:image": SITE + article.cover.file.url,
        "og:image:width": "1200",
        "og:image:height": "630",
        "og:site_name": settings.NEWSROOM_SITE_NAME,
        "og:locale": "zh_CN",
        "article:tag": "乡村振兴",
    }
    for name, value in expected.items():
        assert f'<meta property="{name}" content="{value}">' in html, name
    assert '<meta name="twitter:card" content="summary_large_image">' in html


def test_favicon_and_manifest_are_served(client):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon["Content-Type"] == "image/x-icon"
    home = client.get("/").content.decode()
    manifest_url = re.search(r'<link rel="manifest" href="([^"]+)">', home).group(1)
    assert manifest_url == static("site.webmanifest")
    manifest = json.loads(Path(finders.find("site.webmanifest")).read_text())
    assert manifest["name"] == "新闻中心 Newsroom"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
