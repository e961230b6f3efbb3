import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.delivery.view_buffer import buffer
from articles.models import DailyViewCount, ViewCount
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


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
    lists = {str(label): list(articles) for label, articles in client.get("/").context["periods"]}
    assert [a.title for a in lists["24小时"]] == ["今日热门"]
    assert [a.title for a in lists["7天"]] == ["本周热门", "今日热门"]
    assert [a.title for a in lists["全部"]] == ["去年的热门", "本周热门", "今日热门"]


def test_category_popular_list_only_has_its_own_articles(client):
    news, other = make_category(slug="news"), make_category(slug="other")
    mine, theirs = make_article("本栏目", news), make_article("别的栏目", other)
    buffer.add(mine.pk)
    buffer.add(theirs.pk)
    buffer.add(theirs.pk)
    periods = client.get(reverse("articles:category", kwargs={"slug": "news"})).context["periods"]
    assert all(list(articles) == [mine] for _, articles in periods)


def test_counts_are_never_invented():
    article = make_article()
    assert article.view_count == 0 and not ViewCount.objects.exists()


def test_an_article_nobody_has_read_is_in_no_most_viewed_list(client):
    """As the 24-hour and 7-day lists: the all-time list ranks views, it does not pad with news."""
    category = make_category(slug="news")
    read, unread = make_article("有人读过", category), make_article("无人读过", category)
    views(read, 3)
    lists = {str(label): list(articles) for label, articles in client.get("/").context["periods"]}
    assert [a.title for a in lists["全部"]] == ["有人读过"]
    assert unread not in lists["全部"]
