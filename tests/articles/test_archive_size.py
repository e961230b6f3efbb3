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
from articles.views import PER_PAGE
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
    """Two sections, one with a subsection, each with more than a page of current articles
    (so the archive adds none to a page), read today and placed."""
    news = make_category(slug="news")
    towns = make_category(parent=news, slug="towns")
    notices = make_category(slug="notices")
    today = timezone.localdate()
    for category in (news, towns, notices):
        for _ in range(PER_PAGE + 1):
            article = make_article(category=category)
            DailyViewCount.objects.create(article=article, day=today, total=5)
            ViewCount.objects.create(article=article, total=5)
    for kind in ArticleFlag.Kind:
        ArticleFlag.objects.create(article=Article.objects.filter(category=news).first(), kind=kind)
    return [news, towns, notices]


@pytest.mark.parametrize(
    "url",
    [
        reverse("articles:home"),
        reverse("articles:category", kwargs={"slug": "news"}),
        reverse("articles:category", kwargs={"slug": "notices"}),
    ],
    ids=["home", "category-with-subcategory", "category"],
)
def test_a_listing_page_reads_no_more_of_a_larger_archive(client, site, url):
    """Sections and category pages take each category's newest from its own index range;
    placements and most-viewed lists start from the placements and the counts."""
    small = database_steps(client, url)
    add_archive(site, ARCHIVE)
    large = database_steps(client, url)
    assert large <= small * ALLOWED_GROWTH, (small, large)


def test_the_article_page_reads_no_more_of_a_larger_archive(client, site):
    article = Article.objects.filter(category=site[1]).first()
    small = database_steps(client, article.get_absolute_url())
    add_archive(site, ARCHIVE)
    large = database_steps(client, article.get_absolute_url())
    assert large <= small * ALLOWED_GROWTH, (small, large)


def test_each_categorys_newest_together_are_the_newest_of_the_tree(site):
    add_archive(site, ARCHIVE)
    tree = [category.pk for category in site]
    published = Article.objects.published()
    for count in (1, 6, 20):
        newest = published.newest_in_categories(tree, count).for_listing()[:count]
        assert list(newest) == list(published.in_categories(tree).for_listing()[:count])
