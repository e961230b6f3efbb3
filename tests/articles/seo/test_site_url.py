"""Absolute addresses come from SITE_URL, never from the request's Host or scheme.

A forged Host header must not end up in a page, feed or sitemap that is cached for
every reader (canonical poisoning).
"""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.factories import make_article

pytestmark = pytest.mark.django_db
FORGED = {"HTTP_HOST": "evil.example", "HTTP_X_FORWARDED_PROTO": "https"}


@pytest.fixture(autouse=True)
def site(settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.NEWSROOM_SITE_URL = "https://news.example.cn"


def test_canonical_link_names_the_configured_site_whatever_the_host(client):
    article = make_article("标题")
    response = client.get(article.get_absolute_url(), **FORGED)
    assert (
        f'<link rel="canonical" href="https://news.example.cn{article.get_absolute_url()}">'
        in response.content.decode()
    )
    assert b"evil.example" not in response.content


def test_feed_links_name_the_configured_site(client):
    article = make_article("标题")
    response = client.get(reverse("articles:feed"), **FORGED)
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("link") == "https://news.example.cn/"
    assert channel.find("item").findtext("link") == "https://news.example.cn" + article.get_absolute_url()
    assert b"evil.example" not in response.content


def test_sitemap_index_and_sections_name_the_configured_site(client):
    article = make_article("标题")
    index = client.get("/sitemap.xml", **FORGED)
    assert index.status_code == 200
    assert b"evil.example" not in index.content
    section = client.get("/sitemap-articles.xml", **FORGED)
    assert f"<loc>https://news.example.cn{article.get_absolute_url()}</loc>" in section.content.decode()
    assert b"evil.example" not in section.content


def test_robots_txt_names_the_sitemap_on_the_configured_site(client):
    response = client.get("/robots.txt", **FORGED)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://news.example.cn/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert "Disallow: /preview/" in lines


def test_every_public_page_names_one_canonical_address_and_its_language_versions(client):
    from articles.models import Category

    article = make_article("标题", tags=["民生"])
    category = Category.objects.get(pk=article.category_id)
    site = "https://news.example.cn"
    pages = {
        "/": site + "/",
        "/?utm_source=wechat": site + "/",
        category.get_absolute_url() + "?page=1": site + category.get_absolute_url(),
        article.get_absolute_url(): site + article.get_absolute_url(),
        reverse("articles:tag", kwargs={"slug": "min-sheng"}): site
        + reverse("articles:tag", kwargs={"slug": "min-sheng"}),
        "/en/": site + "/en/",
    }
    for url, canonical in pages.items():
        html = client.get(url, **FORGED).content.decode()
        assert html.count('rel="canonical"') == 1, url
        assert f'<link rel="canonical" href="{canonical}">' in html, url
    chinese = next(url for url in pages if url.startswith("/articles/"))  # as reversed in Chinese, above
    html = client.get(chinese).content.decode()
    for code, path in (("zh-hans", chinese), ("en", "/en" + chinese), ("x-default", chinese)):
        assert f'<link rel="alternate" hreflang="{code}" href="{site}{path}">' in html


def test_media_on_another_host_keeps_its_own_address_in_share_cards_feeds_and_sitemaps(client, settings):
    """Media on S3 or a CDN (an absolute MEDIA_URL) is linked as the storage gives it:
    share cards, structured data, feed enclosures and image sitemaps must not prefix the
    site's address to it."""
    from tests.factories import make_figures, make_image

    settings.MEDIA_URL = "https://media.example.cn/files/"
    article = make_article("带图的文章", cover=make_image())
    make_figures(article, 1)
    cover = f"https://media.example.cn/files/{article.cover.file.name}"
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'<meta property="og:image" content="{cover}">' in page
    assert f'"url":"{cover}"' in page  # JSON-LD
    feed = client.get(reverse("articles:feed")).content.decode()
    assert ET.fromstring(feed).find("channel/item/enclosure").get("url") == cover
    sitemap = client.get("/sitemap-articles.xml").content.decode()
    assert f"<image:loc>{cover}</image:loc>" in sitemap
    assert "news.example.cnhttps" not in page + feed + sitemap
