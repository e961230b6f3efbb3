"""A page costs the database the same whether the archive behind it holds ten articles or ten
thousand: listings walk indexes from the newest end instead of sorting every match.

Measured in SQLite's virtual-machine steps (its progress handler), which follow the rows
the queries read, so the test is exact where timings would be noise. PostgreSQL's plans for
the same queries are checked in bench/scale.py.
"""

import datetime

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.delivery import paging
from articles.models import Article, ArticleFlag, DailyViewCount, ViewCount
from articles.models.article_pages import RELATED_CANDIDATES
from articles.views import PER_PAGE
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db
counts_sqlite_steps = pytest.mark.skipif(connection.vendor != "sqlite", reason="counts SQLite's own steps")

ARCHIVE = 600
# An index one level deeper costs a few steps per lookup; reading the archive would cost thousands.
ALLOWED_GROWTH = 1.15


def steps_of(work):
    """SQLite VM steps (in tens) that ``work()`` costs."""
    steps = 0

    def step():
        nonlocal steps
        steps += 1
        return 0  # go on

    connection.ensure_connection()
    connection.connection.set_progress_handler(step, 10)
    try:
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


@counts_sqlite_steps
@pytest.mark.parametrize(
    "url",
    [
        reverse("articles:home"),
        reverse("articles:category", kwargs={"slug": "news"}),
        reverse("articles:category", kwargs={"slug": "notices"}),
    ],
    ids=["home", "category-with-subcategory", "category"],
)
def test_a_listing_page_reads_no_more_of_a_larger_archive(client, site, url, monkeypatch):
    """Sections and category pages take each category's newest from its own index range;
    placements and most-viewed lists start from the placements and the counts; a
    category's pages are counted COUNTED_PAGES deep at most (here one, less than the
    small site has, as 50 is less than a large archive has)."""
    monkeypatch.setattr(paging, "COUNTED_PAGES", 1)
    small = database_steps(client, url)
    add_archive(site, ARCHIVE)
    large = database_steps(client, url)
    assert large <= small * ALLOWED_GROWTH, (small, large)


@counts_sqlite_steps
def test_related_articles_are_found_among_each_tags_newest(client, site):
    """An article tagged 养老 on a site where more and more are: related articles come
    from each of its tags' most recently tagged, not from counting every article a tag has."""
    article = make_article(category=site[0], tags=["养老"])

    def tag_more(count):
        add_archive(site, count)
        tag = Tag.objects.get(name="养老")
        untagged = Article.objects.filter(title__startswith="旧闻").exclude(tags=tag)
        TaggedItem.objects.bulk_create(TaggedItem(content_object=old, tag=tag) for old in untagged)

    tag_more(RELATED_CANDIDATES + 50)
    small = database_steps(client, article.get_absolute_url())
    tag_more(ARCHIVE)
    large = database_steps(client, article.get_absolute_url())
    assert large <= small * ALLOWED_GROWTH, (small, large)


@counts_sqlite_steps
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


def test_every_page_of_a_category_tree_lists_it_newest_first_once(client, site):
    """Shallow pages come from each subcategory's newest, deep ones from sorting the tree."""
    add_archive(site, ARCHIVE)
    tree = Article.objects.published().in_categories([site[0].pk, site[1].pk]).for_listing()
    pinned = ArticleFlag.objects.get(kind=ArticleFlag.Kind.PINNED).article_id
    listed, page = [], 1
    while True:
        response = client.get(reverse("articles:category", kwargs={"slug": "news"}), {"page": page})
        if response.status_code == 404:
            break
        listed += [article.pk for article in response.context["page_obj"]]
        page += 1
    assert listed == [article.pk for article in tree if article.pk != pinned]
    assert page > 10


def test_a_large_category_tree_is_paged_without_counting_all_of_it(client, site, monkeypatch):
    monkeypatch.setattr(paging, "COUNTED_PAGES", 2)
    add_archive(site[:2], 50)  # news holds 21 + 21 current and 50 old: 92 articles, 5 pages
    url = reverse("articles:category", kwargs={"slug": "news"})
    first = client.get(url)
    assert first.context["page_obj"].paginator.count == 41  # stopped one past two pages
    assert "第 1 页" in first.text and "共" not in first.text
    assert 'rel="next" href="?page=2"' in first.text
    fourth = client.get(url, {"page": 4})  # beyond the pages counted at first
    assert "第 4 页" in fourth.text and 'rel="next" href="?page=5"' in fourth.text
    last = client.get(url, {"page": 5})
    assert len(last.context["page_obj"]) == 92 - 1 - 4 * PER_PAGE  # the pinned one is above page 1
    assert 'rel="next"' not in last.text
    assert client.get(url, {"page": 6}).status_code == 404


def test_a_small_category_tree_says_how_many_pages_it_has(client, site):
    first = client.get(reverse("articles:category", kwargs={"slug": "news"}))
    assert "第 1 页，共 3 页" in first.text


def test_a_large_tag_is_paged_without_counting_all_of_it(client, monkeypatch):
    monkeypatch.setattr(paging, "COUNTED_PAGES", 1)
    for _ in range(2 * PER_PAGE + 1):
        make_article(tags=["养老"])
    url = reverse("articles:tag", kwargs={"slug": Tag.objects.get().slug})
    first = client.get(url)
    assert first.context["page_obj"].paginator.count == PER_PAGE + 1  # stopped one past a page
    assert "第 1 页" in first.text and "共" not in first.text and 'rel="next" href="?page=2"' in first.text
    last = client.get(url, {"page": 3})
    assert len(last.context["page_obj"]) == 1 and 'rel="next"' not in last.text


def test_a_tree_of_hundreds_of_categories_is_still_listed(site):
    """SQLite allows 500 terms in a compound SELECT; a wider tree is sorted whole."""
    from articles.models import Category

    many = Category.objects.bulk_create(Category(name=f"栏目{n}", slug=f"many-{n}") for n in range(600))
    make_article(category=many[-1])
    tree = [category.pk for category in [*site, *many]]
    published = Article.objects.published()
    newest = list(published.newest_in_categories(tree, 20).for_listing()[:20])
    assert newest == list(published.in_categories(tree).for_listing()[:20])
