"""Every public page runs a bounded number of SQL queries, however much content there is."""

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from taggit.models import Tag

from articles.delivery.version import content_version
from tests.factories import make_article, make_category, make_figures, make_image

pytestmark = pytest.mark.django_db


def fill(category, count):
    for _ in range(count):
        article = make_article(
            category=category,
            tags=["养老", "就业"],
            summary="养老服务",
            cover=make_image(),
        )
        make_figures(article, 2)
    return article


def queries(client, url):
    caches["pages"].clear()  # measure a full render, not a cache hit
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize(
    "url_for",
    [
        lambda a: reverse("articles:home"),
        lambda a: reverse("articles:category", kwargs={"slug": "news"}),
        lambda a: reverse("articles:tag", kwargs={"slug": Tag.objects.get(name="养老").slug}),
        lambda a: reverse("articles:search") + "?q=养老",
        lambda a: a.get_absolute_url(),
    ],
    ids=["home", "category", "tag", "search", "article"],
)
def test_query_count_does_not_grow_with_content(client, url_for):
    category = make_category(slug="news")
    make_category(parent=category)
    small = fill(category, 2)
    few = queries(client, url_for(small))
    many = fill(category, 12)
    assert queries(client, url_for(many)) == few
    # Includes the counter's UPDATEs and savepoints, and the new content version's three lookups.
    assert few <= 21


@pytest.mark.parametrize(
    ("url_for", "budget"),
    [
        (lambda a: reverse("admin:articles_article_changelist"), 15),
        (lambda a: reverse("admin:articles_article_changelist") + "?visibility=live&q=养老", 15),
        (lambda a: reverse("admin:articles_article_change", args=[a.pk]), 15),
        (lambda a: reverse("admin:index"), 10),
    ],
    ids=["changelist", "changelist-filtered", "change-form", "admin-home-queue"],
)
def test_admin_query_count_does_not_grow_with_content(editor_client, url_for, budget):
    from articles.models import Article

    category = make_category(slug="news", review_levels=1)
    small = fill(category, 2)
    Article.objects.update(status=Article.Status.IN_REVIEW, review_level=1)  # all in the editor's queue
    Article.objects.filter(pk=small.pk).update(status=Article.Status.DRAFT)  # editable: the full form
    few = queries(editor_client, url_for(small))
    many = fill(category, 12)
    Article.objects.exclude(pk=small.pk).update(status=Article.Status.IN_REVIEW, review_level=1)
    Article.objects.filter(pk=many.pk).update(status=Article.Status.DRAFT)
    assert queries(editor_client, url_for(many)) == few
    assert few <= budget


@pytest.mark.parametrize(
    ("url_for", "budget"),
    [
        (lambda a: a.get_absolute_url(), 5),  # the article, its tags, figures, neighbours, related
        (lambda a: reverse("articles:home"), 7),
        (lambda a: reverse("articles:category", kwargs={"slug": "news"}), 6),
        (lambda a: reverse("articles:tag", kwargs={"slug": Tag.objects.get(name="养老").slug}), 3),
        # PostgreSQL finds the newest matches and ranks them in one query, SQLite in two;
        # on PostgreSQL that query runs in a savepoint with sequential scans off (engines.py).
        (lambda a: reverse("articles:search") + "?q=养老", {"sqlite": 4, "postgresql": 3 + 4}),
    ],
    ids=["article", "home", "category", "tag", "search"],
)
def test_the_first_render_after_an_edit_stays_within_its_query_budget(client, url_for, budget):
    """An edit makes every page stale; the menu and the category tree stay cached until a
    category changes, so the first reader after an edit pays only for the page itself."""
    category = make_category(slug="news")
    article = fill(category, 3)
    url = url_for(article)
    client.get(url, HTTP_USER_AGENT="curl/8")  # a load tool: not counted, so only the render is measured
    other = make_article(category=category)
    other.title = "改过的标题"
    other.save()  # an edit elsewhere: every page is stale now
    content_version()  # the new version is worked out once per edit, by whichever page comes first
    budget = budget[connection.vendor] if isinstance(budget, dict) else budget
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, HTTP_USER_AGENT="curl/8").status_code == 200
    assert len(context) == budget, [q["sql"][:80] for q in context.captured_queries]


@pytest.mark.parametrize(
    ("kind", "url"),
    [("pinned", lambda: reverse("articles:category", kwargs={"slug": "news"})), ("recommended", lambda: "/")],
)
def test_placed_articles_with_covers_cost_no_query_each(client, kind, url):
    from articles.models import ArticleFlag

    category = make_category(slug="news")
    fill(category, 1)
    ArticleFlag.objects.create(article=fill(category, 1), kind="headline", order=1)
    ArticleFlag.objects.create(article=fill(category, 1), kind=kind, order=1)
    one = queries(client, url())
    for order in range(2, 5):
        ArticleFlag.objects.create(article=fill(category, 1), kind=kind, order=order)
    assert queries(client, url()) == one
