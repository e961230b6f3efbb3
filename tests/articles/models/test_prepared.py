"""Prepared queries (articles/models/prepared.py) answer exactly what their querysets answer,
for every value they are run with, on whichever database the suite runs on."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, article_pages
from tests.factories import make_article, make_category, make_editor, make_figures, make_image

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def hours_ago(hours):
    return NOW - datetime.timedelta(hours=hours)


@pytest.fixture
def category():
    """Published articles, two sharing a publish time, among a draft, a scheduled and an expired one."""
    category = make_category("镇街动态")
    for number, hours in enumerate([1, 2, 3, 3, 4, 6]):
        make_article(f"稿件{number}", category, publish_at=hours_ago(hours))
    make_article("草稿", category, status=Article.Status.DRAFT, publish_at=hours_ago(2.5))
    make_article("定时", category, publish_at=NOW + datetime.timedelta(days=7))
    make_article("过期", category, publish_at=hours_ago(3.5), expire_at=hours_ago(0.5))
    make_article("别的栏目", make_category(), publish_at=hours_ago(2.2))
    return category


def test_neighbours_are_what_the_querysets_give_for_every_article(category):
    published = list(Article.objects.published().filter(category=category).order_by("publish_at", "pk"))
    for article in published:
        older, newer = article_pages.neighbour_queries(
            timezone.now(), category.pk, article.publish_at, article.pk
        )
        assert article.neighbours() == (older.first(), newer.first())
    # As a reader sees it: newest 稿件0 … oldest 稿件5; drafts, scheduled and expired are skipped.
    titles = [
        (o.title if o else None, n.title if n else None) for o, n in (a.neighbours() for a in published)
    ]
    assert titles == [
        (None, "稿件4"),
        ("稿件5", "稿件2"),
        ("稿件4", "稿件3"),  # 稿件2 and 稿件3 share a publish time: the id decides
        ("稿件2", "稿件1"),
        ("稿件3", "稿件0"),
        ("稿件1", None),
    ]


@pytest.mark.parametrize("tag_count", [1, 2, 3, article_pages.PREPARED_TAG_COUNTS + 1])
def test_related_articles_are_what_the_queryset_gives_for_any_number_of_tags(tag_count):
    tags = ["养老", "民生", "社区", *(f"标签{number}" for number in range(40))][:tag_count]
    article = make_article("主稿", tags=tags)
    for number in range(8):
        make_article(f"相关{number}", tags=tags[: number % tag_count + 1], publish_at=hours_ago(number + 1))
    make_article("草稿也带标签", tags=tags, status=Article.Status.DRAFT)
    content_type = article_pages.ContentType.objects.get_for_model(Article).pk
    tag_ids = [tag.pk for tag in article.tags.all()]
    expected = list(article_pages.related_query(timezone.now(), article.pk, content_type, tag_ids, 5))
    assert article.related() == expected
    assert [each.shared for each in article.related()] == [each.shared for each in expected]
    assert len(expected) == 5 and "草稿也带标签" not in {each.title for each in expected}


def test_without_shared_tags_the_newest_of_the_category_are_related(category):
    article = Article.objects.get(title="稿件2")
    assert [each.title for each in article.related(limit=3)] == ["稿件0", "稿件1", "稿件3"]


def test_a_readers_article_comes_with_everything_its_page_shows_in_three_queries(django_assert_num_queries):
    article = make_article("带图的文章", tags=["乙", "甲"], cover=make_image())
    make_figures(article, 2)
    article_pages.article_for_readers(article.pk)  # the category tree and content types, once per process
    with django_assert_num_queries(3):
        found = article_pages.article_for_readers(article.pk)
    with django_assert_num_queries(0):
        assert [tag.name for tag in found.tags.all()] == ["乙", "甲"]  # in the order they were added
        assert [figure.number for figure in found.figures.all()] == [1, 2]
        assert [figure.image.caption for figure in found.figures.all()] == ["说明1", "说明2"]
        assert found.cover.pk == article.cover.pk
        assert found.category.name == article.category.name
    other = make_article("别的文章", tags=["甲"])
    assert [tag.name for tag in found.tags.filter(name="甲")] == ["甲"]  # a further filter asks the database
    assert list(other.tags.all()) == list(found.tags.filter(name="甲"))


def test_a_readers_article_is_only_a_published_one():
    draft = make_article(status=Article.Status.DRAFT)
    # From the clock now, not NOW: this module may run many minutes after it was imported.
    scheduled = make_article(publish_at=timezone.now() + datetime.timedelta(minutes=5))
    assert article_pages.article_for_readers(draft.pk) is None
    assert article_pages.article_for_readers(scheduled.pk) is None
    assert article_pages.article_for_readers(10**12) is None


def test_a_prepared_query_is_run_with_the_clock_it_is_given():
    article = make_article(publish_at=NOW + datetime.timedelta(minutes=5))
    run = article_pages.READERS_ARTICLE
    assert run(now=NOW, pk=article.pk) == []
    assert run(now=NOW + datetime.timedelta(minutes=6), pk=article.pk) == [article]


def test_a_staff_preview_shows_tags_and_figures_as_the_published_page_does(client):
    make_article("先有的", tags=["甲"])  # 甲 is the older tag, but this article was tagged 乙 first
    article = make_article("预览稿", tags=["乙", "甲"], status=Article.Status.DRAFT)
    make_figures(article, 2)
    client.force_login(make_editor())
    preview = client.get(article.get_absolute_url()).content.decode()
    article.status = Article.Status.PUBLISHED
    article.save()
    client.logout()
    published = client.get(article.get_absolute_url()).content.decode()
    for page in (preview, published):
        tags = page[page.index('<p class="tags">') :]
        assert tags.index(">乙</a>") < tags.index(">甲</a>")
        assert page.index("图1 说明1") < page.index("图2 说明2")
