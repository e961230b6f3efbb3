"""A page costs the database the same whether the archive behind it holds ten articles or ten
thousand: listings walk indexes from the newest end instead of sorting every match.

Measured in SQLite's virtual-machine steps (its progress handler), which count the rows a
query reads, so the test is exact where timings would be noise. PostgreSQL's plans for
the same queries are checked in bench/scale.py.
"""

import datetime

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleFlag, DailyViewCount, ViewCount
from tests.factories import make_article, make_category

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="counts SQLite's own steps"),
]

ARCHIVE = 600
# An index one level deeper costs a few steps per lookup; reading the archive would cost thousands.
ALLOWED_GROWTH = 1.15


def steps_of(work):
    """SQLite VM steps (in tens) that ``work()`` costs, but for counting pages: a listing's
    COUNT(*) reads every entry of its category's index (index-only on PostgreSQL,
    migration 0014) and is the one read that grows by design."""
    steps, counting = 0, True

    def step():
        nonlocal steps
        steps += counting
        return 0  # go on

    def skip_page_counts(execute, sql, params, many, context):
        nonlocal counting
        counting = not sql.startswith('SELECT COUNT(*) AS "__count"')
        try:
            return execute(sql, params, many, context)
        finally:
            counting = True

    connection.ensure_connection()
    connection.connection.set_progress_handler(step, 10)
    try:
        with connection.execute_wrapper(skip_page_counts):
            work()
    finally:
        connection.connection.set_progress_handler(None, 10)
    return steps


def database_steps(client, url):
    """The steps of rendering ``url`` from scratch."""
    caches["pages"].clear()
    cache.clear()
    return steps_of(lambda: client.get(url, HTTP_USER_AGENT="curl/8"))


def add_archive(categories, count):
    """``count`` published articles, a year old and more, spread over ``categories``, some read long ago."""
    year_ago = timezone.now() - datetime.timedelta(days=365)
    old = Article.objects.bulk_create(
        Article(
            title=f"旧闻 {number}",
            slug=f"old-{number}",
            body="<p>旧闻</p>",
            category=categories[number % len(categories)],
            status=Article.Status.PUBLISHED,
            publish_at=year_ago - datetime.timedelta(hours=number),
        )
        for number in range(count)
    )
    long_ago = timezone.localdate() - datetime.timedelta(days=300)
    DailyViewCount.objects.bulk_create(DailyViewCount(article=a, day=long_ago, total=1) for a in old)
    ViewCount.objects.bulk_create(ViewCount(article=a, total=1) for a in old)


@pytest.fixture
def site():
    """Two sections, one with a subsection, each with a few current articles, read today and placed."""
    news = make_category(slug="news")
    towns = make_category(parent=news, slug="towns")
    notices = make_category(slug="notices")
    today = timezone.localdate()
    for category in (news, towns, notices):
        for _ in range(8):
            article = make_article(category=category)
            DailyViewCount.objects.create(article=article, day=today, total=5)
            ViewCount.objects.create(article=article, total=5)
    for kind in ArticleFlag.Kind:
        ArticleFlag.objects.create(article=Article.objects.filter(category=news).first(), kind=kind)
    return [news, towns, notices]


def test_the_home_page_reads_no_more_of_a_larger_archive(client, site):
    """Its sections, placements and most-viewed lists all start from the newest end of an index."""
    small = database_steps(client, reverse("articles:home"))
    add_archive(site, ARCHIVE)
    large = database_steps(client, reverse("articles:home"))
    assert large <= small * ALLOWED_GROWTH, (small, large)


def test_the_article_page_reads_no_more_of_a_larger_archive(client, site):
    article = Article.objects.filter(category=site[1]).first()
    small = database_steps(client, article.get_absolute_url())
    add_archive(site, ARCHIVE)
    large = database_steps(client, article.get_absolute_url())
    assert large <= small * ALLOWED_GROWTH, (small, large)


def test_a_category_trees_newest_articles_are_read_a_page_per_subcategory(site):
    """The category page's listing; its pinned and most-viewed lists still start from the
    tree's articles on SQLite, whose planner, without statistics, prefers that index."""
    tree = [site[0].pk, site[1].pk]
    published = Article.objects.published()

    def newest_page():
        return list(published.newest_in_categories(tree, 6).for_listing()[:6])

    small = steps_of(newest_page)
    add_archive(site, ARCHIVE)
    large = steps_of(newest_page)
    assert large <= small * ALLOWED_GROWTH, (small, large)
    assert newest_page() == list(published.in_categories(tree).for_listing()[:6])
