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


def test_items_are_the_newest_twenty_published_articles_newest_first(client, settings):
    now = timezone.now().replace(microsecond=0)
    articles = [make_article(f"第{n}篇", publish_at=now - datetime.timedelta(hours=n)) for n in range(22)]
    make_article("草稿", status=Article.Status.DRAFT, publish_at=now)
    items = feed_items(client)
    assert [item.findtext("title") for item in items] == [a.title for a in articles[:20]]
    first = items[0]
    assert first.findtext("link") == settings.NEWSROOM_SITE_URL + articles[0].get_absolute_url()
    assert parsedate_to_datetime(first.findtext("pubDate")) == now


def test_title_and_description_reach_feed_readers_as_text_not_markup(client):
    # Feed readers render both as HTML: the text must arrive HTML-escaped.
    make_article("<svg onload=alert(1)>标题", summary='摘要 <script>alert("x")</script>')
    (item,) = feed_items(client)
    assert item.findtext("title") == "&lt;svg onload=alert(1)&gt;标题"
    assert item.findtext("description") == "摘要 &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"


def test_characters_xml_cannot_carry_never_break_the_feed(client):
    article = make_article("标题")
    # Written behind the model's back, as loaddata or a direct UPDATE would.
    Article.objects.filter(pk=article.pk).update(title="标\x01题\x1b\ufffe", summary="摘\x08要")
    (item,) = feed_items(client)
    assert item.findtext("title") == "标题"
    assert item.findtext("description") == "摘要"
