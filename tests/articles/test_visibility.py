"""Drafts and scheduled articles never reach readers, wherever they look."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from articles.models import Article
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_states():
    category = make_category(name="镇街动态", slug="town")
    live = make_article("已发布的稻田新闻", category, tags=["稻田"])
    draft = make_article("草稿稻田新闻", category, tags=["稻田"], status=Article.Status.DRAFT)
    scheduled = make_article(
        "定时稻田新闻",
        category,
        tags=["稻田"],
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )
    return category, live, draft, scheduled


@pytest.mark.parametrize(
    ("url", "live_title"),
    [
        (reverse("articles:home"), "已发布的稻田新闻"),
        (reverse("articles:category", kwargs={"slug": "town"}), "已发布的稻田新闻"),
        (reverse("articles:tag", kwargs={"slug": "dao-tian"}), "已发布的稻田新闻"),
        (reverse("articles:search") + "?q=稻田", "已发布的<mark>稻田</mark>新闻"),
        (reverse("articles:feed"), "<title>已发布的稻田新闻</title>"),
        ("/sitemap-articles.xml", None),  # addresses only
    ],
)
def test_only_the_published_article_is_listed(client, three_states, url, live_title):
    _, live, draft, scheduled = three_states
    content = client.get(url).content.decode()
    assert live.get_absolute_url() in content
    if live_title:
        assert live_title in content
    assert draft.title not in content and draft.get_absolute_url() not in content
    assert scheduled.title not in content and scheduled.get_absolute_url() not in content


def test_draft_and_scheduled_pages_are_404_for_readers(client, three_states):
    _, live, draft, scheduled = three_states
    assert client.get(live.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(scheduled.get_absolute_url()).status_code == 404


def test_neighbour_links_skip_unpublished_articles(client, three_states):
    category, live, draft, scheduled = three_states
    older = make_article("更早的新闻", category, publish_at=live.publish_at - datetime.timedelta(days=2))
    content = client.get(live.get_absolute_url()).content.decode()
    assert f'<a rel="prev" href="{older.get_absolute_url()}">' in content
    assert 'rel="next"' not in content


def test_scheduled_article_appears_when_its_time_comes(client, three_states):
    _, _, _, scheduled = three_states
    with time_machine.travel(scheduled.publish_at + datetime.timedelta(minutes=1)):
        assert client.get(scheduled.get_absolute_url()).status_code == 200
        assert scheduled.title in client.get(reverse("articles:home")).content.decode()


def test_staff_preview_a_draft_with_a_banner(client, three_states, admin_user):
    _, _, draft, _ = three_states
    client.force_login(admin_user)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assertContains(
        response, '<p class="preview-banner" role="status">预览：读者目前还看不到这篇文章。</p>', html=True
    )


def test_published_queryset_is_exactly_the_live_articles(three_states):
    _, live, _, _ = three_states
    assert list(Article.objects.published()) == [live]


@pytest.fixture
def workflow_states():
    """Articles that exist but that readers must not see: each workflow state but live."""
    category = make_category(name="通知公告", slug="notices")
    now = timezone.now()
    live = make_article("已上线的停水通知", category, tags=["停水"])
    hidden = [
        make_article(
            "审核中的停水通知", category, tags=["停水"], status=Article.Status.IN_REVIEW, review_level=1
        ),
        make_article("被退回的停水通知", category, tags=["停水"], status=Article.Status.REJECTED),
        make_article("已撤下的停水通知", category, tags=["停水"], status=Article.Status.UNPUBLISHED),
        make_article(
            "已过期的停水通知", category, tags=["停水"], expire_at=now - datetime.timedelta(minutes=1)
        ),
    ]
    return live, hidden


@pytest.mark.parametrize(
    "url",
    [
        reverse("articles:home"),
        reverse("articles:category", kwargs={"slug": "notices"}),
        reverse("articles:tag", kwargs={"slug": "ting-shui"}),
        reverse("articles:search") + "?q=停水通知",
        reverse("articles:feed"),
        "/sitemap-articles.xml",
    ],
)
def test_no_workflow_state_but_live_reaches_a_listing(client, workflow_states, url):
    live, hidden = workflow_states
    content = client.get(url).content.decode()
    assert live.get_absolute_url() in content
    for article in hidden:
        assert article.get_absolute_url() not in content
        assert client.get(article.get_absolute_url()).status_code == 404


def test_neighbour_links_step_through_articles_published_at_the_same_moment():
    category = make_category(name="镇街动态", slug="town")
    moment = timezone.now() - datetime.timedelta(hours=3)
    first = make_article("更早", category, publish_at=moment - datetime.timedelta(hours=1))
    tie_a = make_article("同时一", category, publish_at=moment)
    tie_b = make_article("同时二", category, publish_at=moment)
    last = make_article("更晚", category, publish_at=moment + datetime.timedelta(hours=1))
    assert tie_a.neighbours() == (first, tie_b)
    assert tie_b.neighbours() == (tie_a, last)
    assert first.neighbours() == (None, tie_a)
    assert last.neighbours() == (tie_b, None)
