"""An article says its own publishing state, and publishing a stale draft does not back-date it."""

import datetime

import pytest
import time_machine
from django.utils import translation

from articles.models import Article
from articles.workflow.states import State
from tests.factories import make_article

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 5, 20, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_each_article_knows_its_state_and_the_queryset_agrees(frozen):
    draft = make_article(status=Article.Status.DRAFT)
    scheduled = make_article(publish_at=NOW + datetime.timedelta(hours=1))
    live = make_article(publish_at=NOW - datetime.timedelta(hours=1))
    assert [draft.state, scheduled.state, live.state] == [State.DRAFT, State.SCHEDULED, State.LIVE]
    for article in (draft, scheduled, live):
        assert list(Article.objects.in_state(article.state)) == [article]


def test_publishing_last_weeks_draft_puts_it_live_now(frozen):
    draft = make_article(status=Article.Status.DRAFT, publish_at=NOW - datetime.timedelta(days=7))
    draft.publish()
    draft.refresh_from_db()
    assert (draft.state, draft.publish_at) == (State.LIVE, NOW)


def test_publishing_a_draft_with_a_future_time_schedules_it_for_that_time(frozen):
    later = NOW + datetime.timedelta(days=2)
    draft = make_article(status=Article.Status.DRAFT, publish_at=later)
    draft.publish()
    draft.refresh_from_db()
    assert (draft.state, draft.publish_at) == (State.SCHEDULED, later)


@pytest.mark.parametrize(
    ("change", "state"),
    [(Article.unpublish, State.UNPUBLISHED), (Article.publish, State.LIVE)],
    ids=["unpublish", "republish"],
)
def test_a_live_article_keeps_its_publish_time(frozen, change, state):
    published_at = NOW - datetime.timedelta(days=3)
    article = make_article(publish_at=published_at)
    change(article)
    article.refresh_from_db()
    assert (article.state, article.publish_at) == (state, published_at)


def test_state_labels_are_translated():
    with translation.override("zh-hans"):
        assert [str(state.label) for state in State] == [
            "草稿",
            "审核中",
            "已退回",
            "定时发布",
            "已上线",
            "已过期",
            "已撤下",
        ]
