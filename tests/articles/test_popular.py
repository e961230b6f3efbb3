import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.delivery.view_buffer import buffer
from articles.models import DailyViewCount, ViewCount
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def most_viewed(client, path="/"):
    """{period heading: [titles]} as the page's 最多浏览 box lists them."""
    box = client.get(path).content.decode().split('<section class="popular"', 1)[1].split("</section>", 1)[0]
    return {
        heading: re.findall(r'<a href="[^"]+">([^<]+)</a>', items)
        for heading, items in re.findall(r"<h3>([^<]+)</h3>\s*<ol[^>]*>(.*?)</ol>", box, re.S)
    }


def views(article, total, days_ago=0):
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    DailyViewCount.objects.create(article=article, day=day, total=total)
    ViewCount.objects.update_or_create(article=article, defaults={"total": total})


def test_popular_lists_for_24_hours_7_days_and_all_time(client):
    category = make_category(slug="news")
    old_hit = make_article("去年的热门", category)
    this_week = make_article("本周热门", category)
    today = make_article("今日热门", category)
    views(old_hit, 500, days_ago=30)
    views(this_week, 50, days_ago=4)
    views(today, 5, days_ago=0)
    assert most_viewed(client) == {
        "24小时": ["今日热门"],
        "7天": ["本周热门", "今日热门"],
        "全部": ["去年的热门", "本周热门", "今日热门"],
    }


def test_category_popular_list_only_has_its_own_articles(client):
    news, other = make_category(slug="news"), make_category(slug="other")
    mine, theirs = make_article("本栏目", news), make_article("别的栏目", other)
    buffer.add(mine.pk)
    buffer.add(theirs.pk)
    buffer.add(theirs.pk)
    lists = most_viewed(client, reverse("articles:category", kwargs={"slug": "news"}))
    assert lists == {"24小时": ["本栏目"], "7天": ["本栏目"], "全部": ["本栏目"]}


def test_counts_are_never_invented():
    article = make_article()
    assert article.view_count == 0 and not ViewCount.objects.exists()


def test_an_article_nobody_has_read_is_in_no_most_viewed_list(client):
    """As the 24-hour and 7-day lists: the all-time list ranks views, it does not pad with news."""
    category = make_category(slug="news")
    read = make_article("有人读过", category)
    make_article("无人读过", category)  # published, never read
    views(read, 3)
    assert most_viewed(client)["全部"] == ["有人读过"]
