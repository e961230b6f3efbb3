"""sitemap.xml lists exactly what readers can see and navigate to."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_category, make_image

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client):
    """{path: lastmod} over every section the index at /sitemap.xml names."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    entries = {}
    for section in ET.fromstring(index.content).findall("sm:sitemap", NS):
        response = client.get(
            section.findtext("sm:loc", namespaces=NS).removeprefix(settings.NEWSROOM_SITE_URL)
        )
        assert response.status_code == 200
        for url in ET.fromstring(response.content).findall("sm:url", NS):
            path = url.findtext("sm:loc", namespaces=NS).removeprefix(settings.NEWSROOM_SITE_URL)
            # The news sitemap lists recent articles again, without lastmod: keep the section's.
            entries[path] = entries.get(path) or url.findtext("sm:lastmod", namespaces=NS)
    return entries


def test_lists_visible_categories_and_published_articles_with_their_last_change(client):
    shown = make_category("镇街动态", slug="town")
    hidden = make_category("内部通知", slug="internal", is_visible=False)
    live = make_article("已发布", shown)
    in_hidden = make_article("隐藏栏目里的文章", hidden)
    make_article("草稿", shown, status=Article.Status.DRAFT)
    make_article("定时", shown, publish_at=timezone.now() + datetime.timedelta(days=1))
    entries = sitemap_entries(client)
    listed = {
        live.get_absolute_url(),
        in_hidden.get_absolute_url(),  # the article is public; only its category stays unlisted
        shown.get_absolute_url(),
    }
    assert set(entries) == listed | {"/en" + path for path in listed}  # each page in both languages
    # The site's own day (TIME_ZONE), as every date it prints: after 16:00 UTC that is tomorrow in UTC+8.
    assert entries[live.get_absolute_url()] == timezone.localdate(live.updated_at).isoformat()


def test_index_names_every_page_of_a_section_past_its_limit(client, monkeypatch):
    from articles.seo.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    articles = [make_article(f"第{n}篇") for n in range(5)]
    index = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [
        loc.text.removeprefix(settings.NEWSROOM_SITE_URL) for loc in index.iterfind("sm:sitemap/sm:loc", NS)
    ]
    # Five articles in two languages, two addresses a page: five pages.
    assert locations == [
        "/sitemap-articles.xml",
        *(f"/sitemap-articles.xml?p={page}" for page in range(2, 6)),
        "/sitemap-categories.xml",
        "/sitemap-tags.xml",
        "/sitemap-news.xml",
    ]
    assert set(sitemap_entries(client)) >= {article.get_absolute_url() for article in articles}


IMAGE = "{http://www.google.com/schemas/sitemap-image/1.1}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_article_entries_list_their_images_and_their_other_language(client):
    from tests.factories import make_figures, uploaded_image

    article = make_article("稻田", cover=make_image(file=uploaded_image("cover.png")))
    figures = make_figures(article, 2)
    root = ET.fromstring(client.get("/sitemap-articles.xml").content)
    (url,) = [
        u
        for u in root.findall("sm:url", NS)
        if u.findtext("sm:loc", namespaces=NS).endswith(article.get_absolute_url())
        and "/en/" not in u.findtext("sm:loc", namespaces=NS)
    ]
    images = [loc.text for loc in url.iter(IMAGE + "loc")]
    site = settings.NEWSROOM_SITE_URL
    assert images == [site + article.cover.file.url, *(site + figure.file.url for figure in figures)]
    alternates = {link.get("hreflang"): link.get("href") for link in url.iter(XHTML + "link")}
    assert alternates == {
        "zh-hans": site + article.get_absolute_url(),
        "en": site + "/en" + article.get_absolute_url(),
        "x-default": site + article.get_absolute_url(),
    }


def test_tag_sitemap_lists_tags_live_articles_carry(client):
    make_article("稻田", tags=["民生"])
    make_article("草稿", tags=["内部"], status=Article.Status.DRAFT)
    root = ET.fromstring(client.get("/sitemap-tags.xml").content)
    locations = {
        loc.text.removeprefix(settings.NEWSROOM_SITE_URL)
        for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    }
    assert locations == {"/tags/min-sheng/", "/en/tags/min-sheng/"}


def test_news_sitemap_lists_the_last_48_hours(client, settings):
    recent = make_article("今天的新闻", publish_at=timezone.now() - datetime.timedelta(hours=3))
    make_article("三天前", publish_at=timezone.now() - datetime.timedelta(hours=72))
    make_article("草稿", status=Article.Status.DRAFT, publish_at=timezone.now())
    response = client.get("/sitemap-news.xml")
    root = ET.fromstring(response.content)
    (url,) = root.findall("sm:url", NS)
    assert url.findtext("sm:loc", namespaces=NS) == settings.NEWSROOM_SITE_URL + recent.get_absolute_url()
    news = url.find(NEWS + "news")
    assert news.findtext(NEWS + "title") == "今天的新闻"
    assert news.find(NEWS + "publication").findtext(NEWS + "name") == settings.NEWSROOM_SITE_NAME
    assert news.find(NEWS + "publication").findtext(NEWS + "language") == "zh-cn"
    assert datetime.datetime.fromisoformat(
        news.findtext(NEWS + "publication_date")
    ) == recent.publish_at.replace(microsecond=0)
