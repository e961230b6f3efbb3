"""sitemap.xml lists exactly what readers can see and navigate to."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db
NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.findtext("sm:loc", namespaces=NS).removeprefix("http://testserver"): url.findtext(
            "sm:lastmod", namespaces=NS
        )
        for url in root.findall("sm:url", NS)
    }


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
