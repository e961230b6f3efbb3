"""Staff search the whole archive with the same engine, drafts and scheduled included, with filters."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_category, make_editor

pytestmark = pytest.mark.django_db


def listed(editor_client, **params):
    response = editor_client.get(reverse("admin:articles_article_changelist"), params)
    assert response.status_code == 200
    return set(response.context["cl"].result_list)


def test_staff_search_finds_drafts_and_scheduled_articles(editor_client):
    live = make_article("稻田丰收")
    draft = make_article("稻田草稿", status=Article.Status.DRAFT)
    scheduled = make_article("稻田预告", publish_at=timezone.now() + datetime.timedelta(days=1))
    make_article("无关新闻")
    assert listed(editor_client, q="稻田") == {live, draft, scheduled}


def test_search_combines_with_category_tag_author_status_and_date_filters(
    editor_client,
):
    town, school = make_category(slug="town"), make_category(slug="school")
    writer = make_editor("writer")
    day = timezone.now() - datetime.timedelta(days=10)
    target = make_article("就业服务", category=town, tags=["民生"], author=writer, publish_at=day)
    make_article("就业服务", category=school, tags=["民生"], author=writer, publish_at=day)
    make_article("就业服务", category=town, tags=["教育"], author=writer, publish_at=day)
    make_article("就业服务", category=town, tags=["民生"], publish_at=day)
    make_article(
        "就业服务",
        category=town,
        tags=["民生"],
        author=writer,
        status=Article.Status.DRAFT,
        publish_at=day,
    )
    make_article(
        "就业服务",
        category=town,
        tags=["民生"],
        author=writer,
        publish_at=day - datetime.timedelta(days=30),
    )
    tag = target.tags.get()
    local_day = timezone.localtime(day).date()
    params = {
        "q": "就业",
        "category__id__exact": town.pk,
        "tags__id__exact": tag.pk,
        "author__id__exact": writer.pk,
        "status__exact": "published",
        "publish_at__from": (local_day - datetime.timedelta(days=1)).isoformat(),
        "publish_at__to": local_day.isoformat(),
    }
    assert listed(editor_client, **params) == {target}


@pytest.mark.parametrize("query", ['"', "*", "NEAR(", "%_\\", "x" * 5000, "-"])
def test_odd_staff_queries_do_not_fail(editor_client, query):
    make_article("稻田")
    listed(editor_client, q=query)


def test_malformed_date_range_is_ignored(editor_client):
    article = make_article("稻田")
    assert listed(editor_client, publish_at__from="not-a-date") == {article}
