"""The RSS feed: the newest published articles, with their summaries and times."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def feed_items(client):
    response = client.get(reverse("articles:feed"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    return ET.fromstring(response.content).findall("channel/item")


def test_items_are_the_newest_twenty_published_articles_newest_first(client):
    now = timezone.now().replace(microsecond=0)
    articles = [make_article(f"第{n}篇", publish_at=now - datetime.timedelta(hours=n)) for n in range(22)]
    make_article("草稿", status=Article.Status.DRAFT, publish_at=now)
    items = feed_items(client)
    assert [item.findtext("title") for item in items] == [a.title for a in articles[:20]]
    first = items[0]
    assert first.findtext("link") == "http://testserver" + articles[0].get_absolute_url()
    assert parsedate_to_datetime(first.findtext("pubDate")) == now


def test_description_is_the_summary_escaped(client):
    make_article("标题", summary='摘要 <script>alert("x")</script>')
    (item,) = feed_items(client)
    assert item.findtext("description") == '摘要 <script>alert("x")</script>'  # as text, not markup
