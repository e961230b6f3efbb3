"""sitemap.xml lists exactly what readers can see and navigate to."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_category

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
            entries[path] = url.findtext("sm:lastmod", namespaces=NS)
    return entries


def test_lists_visible_categories_and_published_articles_with_their_last_change(client):
    shown = make_category("镇街动态", slug="town")
    hidden = make_category("内部通知", slug="internal", is_visible=False)
    live = make_article("已发布", shown)
    in_hidden = make_article("隐藏栏目里的文章", hidden)
    make_article("草稿", shown, status=Article.Status.DRAFT)
    make_article("定时", shown, publish_at=timezone.now() + datetime.timedelta(days=1))
    entries = sitemap_entries(client)
    assert set(entries) == {
        live.get_absolute_url(),
        in_hidden.get_absolute_url(),  # the article is public; only its category stays unlisted
        shown.get_absolute_url(),
    }
    assert entries[live.get_absolute_url()] == live.updated_at.date().isoformat()


def test_index_names_every_page_of_a_section_past_its_limit(client, monkeypatch):
    from articles.seo.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    articles = [make_article(f"第{n}篇") for n in range(5)]
    index = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [
        loc.text.removeprefix(settings.NEWSROOM_SITE_URL) for loc in index.iterfind("sm:sitemap/sm:loc", NS)
    ]
    assert locations == [
        "/sitemap-articles.xml",
        "/sitemap-articles.xml?p=2",
        "/sitemap-articles.xml?p=3",
        "/sitemap-categories.xml",
    ]
    assert set(sitemap_entries(client)) >= {article.get_absolute_url() for article in articles}
