"""The home and category pages' prepared reads answer what the queryset methods that define
them answer, for each shape (site-wide, one to three categories, none) and each clock."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, ArticleFlag, DailyViewCount, ViewCount, listing_pages
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db

NOW = timezone.now()
Kind = ArticleFlag.Kind


@pytest.fixture
def site():
    """Three categories of published, draft and scheduled articles, placed, read over a week."""
    categories = [make_category(f"栏目{number}") for number in range(3)]
    for number in range(24):
        category = categories[number % 3]
        status = Article.Status.DRAFT if number % 7 == 6 else Article.Status.PUBLISHED
        article = make_article(
            f"稿件{number}", category, status=status, publish_at=NOW - datetime.timedelta(hours=number)
        )
        if number % 4 == 0:
            kind = [Kind.HEADLINE, Kind.RECOMMENDED, Kind.PINNED][number % 3]
            ends_at = NOW - datetime.timedelta(minutes=1) if number == 12 else None  # one placement has ended
            ArticleFlag.objects.create(article=article, kind=kind, order=24 - number, ends_at=ends_at)
        if number % 5:
            for days_ago in range(number % 9):
                day = timezone.localdate() - datetime.timedelta(days=days_ago)
                DailyViewCount.objects.create(article=article, day=day, total=number + days_ago)
            ViewCount.objects.create(article=article, total=number * 10)
    make_article("定时", categories[0], publish_at=NOW + datetime.timedelta(days=7))
    return [category.pk for category in categories]


CATEGORY_CHOICES = [None, [], [0], [0, 2], [0, 1, 2]]


def chosen(site, choice):
    return None if choice is None else [site[number] for number in choice]


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("choice", CATEGORY_CHOICES)
@pytest.mark.parametrize("count", [None, 1, 6])
def test_placed_articles_are_what_the_queryset_gives(site, kind, choice, count):
    ids = chosen(site, choice)
    expected = list(Article.objects.published().placed(kind, ids)[:count])
    assert listing_pages.placed(kind, ids, count) == expected


@pytest.mark.parametrize("count", [1, 8, 50])
def test_the_latest_are_what_the_queryset_gives(site, count):
    assert listing_pages.latest(count) == list(Article.objects.published().for_listing()[:count])
    assert len(listing_pages.latest(count)) == min(count, 21)  # 24, less 3 drafts; not the scheduled one


@pytest.mark.parametrize("choice", CATEGORY_CHOICES[1:])
@pytest.mark.parametrize("count", [1, 3])
def test_each_categorys_newest_are_what_the_queryset_gives(site, choice, count):
    ids = chosen(site, choice)
    expected = list(Article.objects.published().newest_in_categories(ids, count).for_listing())
    assert listing_pages.newest_in_categories(ids, count) == expected
    assert {article.category_id for article in expected} == set(ids)


@pytest.mark.parametrize("days", [None, 1, 7])
@pytest.mark.parametrize("choice", CATEGORY_CHOICES)
def test_the_most_viewed_are_what_the_queryset_gives(site, days, choice):
    ids = chosen(site, choice)
    expected = list(Article.objects.published().most_viewed(days, ids)[:5])
    found = listing_pages.most_viewed(days, ids, 5)
    assert found == expected
    assert [article.period_views for article in found] == [article.period_views for article in expected]
    if choice != []:
        assert found  # the fixture has views in every period and category


def category_listing_queryset(ids, pinned):
    return Article.objects.published().exclude(pk__in=pinned).for_listing().in_categories(ids)


@pytest.mark.parametrize("choice", CATEGORY_CHOICES[1:])
@pytest.mark.parametrize("pinned_count", [0, 2])
def test_a_category_listing_counts_and_slices_as_its_queryset(site, choice, pinned_count):
    ids = chosen(site, choice)
    pinned = list(Article.objects.published().in_categories(ids).values_list("pk", flat=True)[:pinned_count])
    listing = listing_pages.CategoryListing(ids, pinned)
    expected = category_listing_queryset(ids, pinned)
    for limit in (1, 5, listing_pages.PREPARED_COUNT, listing_pages.PREPARED_COUNT + 1):
        assert listing.count(limit) == expected[:limit].count()
    spans = [(0, 3), (3, 6), (0, 20), (listing_pages.PREPARED_ROWS - 2, listing_pages.PREPARED_ROWS + 2)]
    for bottom, top in spans:
        assert listing.rows(bottom, top) == list(expected[bottom:top])
        newest = (
            Article.objects.published().exclude(pk__in=pinned).for_listing().newest_in_categories(ids, top)
        )
        assert listing.newest_rows(bottom, top) == list(newest[bottom:top])
    assert not set(pinned) & {article.pk for article in listing.rows(0, 100)}


@pytest.mark.parametrize("build", [listing_pages.tag_articles, listing_pages.widely_used_tag_articles])
def test_a_tag_listing_counts_and_slices_as_its_queryset(build):
    """From the tag's side or the archive's, the same rows: published only, newest first,
    ties by id."""
    for number in range(30):
        make_article(
            f"带标签{number}",
            tags=["养老"] if number % 3 else ["养老", "民生"],
            publish_at=NOW - datetime.timedelta(hours=number // 2),  # pairs published together
        )
    make_article("草稿", tags=["养老"], status=Article.Status.DRAFT)
    make_article("定时", tags=["养老"], publish_at=NOW + datetime.timedelta(days=7))
    make_article("别的标签", tags=["民生"])
    tag = Article.objects.get(title="带标签0").tags.get(name="养老")
    listing = listing_pages.Listing(build, [tag.pk])
    expected = Article.objects.published().filter(tags=tag).for_listing()
    assert [listing.count(limit) for limit in (1, 21, 1001)] == [1, 21, 30]
    for bottom, top in [(0, 20), (20, 40), (listing_pages.PREPARED_ROWS, listing_pages.PREPARED_ROWS + 20)]:
        assert listing.rows(bottom, top) == list(expected[bottom:top])


def test_shapes_past_the_bound_are_answered_but_not_kept(site, monkeypatch):
    family = listing_pages.NEWEST_IN_CATEGORIES
    monkeypatch.setattr(family, "MAX_SHAPES", len(family.shapes) + 1)
    published = Article.objects.published()
    for count in (1, 2, 3):
        expected = list(published.newest_in_categories(site, count).for_listing())
        assert listing_pages.newest_in_categories(site, count) == expected
    assert len(family.shapes) == family.MAX_SHAPES


def test_a_tag_is_widely_used_past_the_bound(monkeypatch):
    from taggit.models import Tag

    monkeypatch.setattr(listing_pages, "WIDELY_USED", 3)
    for number in range(4):
        make_article(f"文章{number}", tags=["四篇"] + (["三篇"] if number < 3 else []))
    usage = {tag.name: tag.widely_used for tag in listing_pages.with_usage(Tag.objects.all())}
    assert usage == {"四篇": True, "三篇": False}
