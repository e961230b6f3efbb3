"""The index follows every editorial change at once, inside the same transaction."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, SearchEntry
from articles.search import parse, search_articles
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def reader_hits(query):
    return list(search_articles(Article.objects.published(), parse(query))[:50])


def test_publish_edit_unpublish_schedule_and_delete_are_reflected_at_once():
    article = make_article("水稻种植基地", status=Article.Status.DRAFT)
    assert reader_hits("水稻") == []
    article.status = Article.Status.PUBLISHED
    article.save()
    assert reader_hits("水稻") == [article]
    article.title = "蟹田养殖基地"
    article.save()
    assert reader_hits("水稻") == [] and reader_hits("蟹田") == [article]
    article.status = Article.Status.DRAFT
    article.save()
    assert reader_hits("蟹田") == []
    article.status = Article.Status.PUBLISHED
    article.publish_at = timezone.now() + datetime.timedelta(hours=1)
    article.save()
    assert reader_hits("蟹田") == []
    article.publish_at = timezone.now() - datetime.timedelta(minutes=1)
    article.save()
    assert reader_hits("蟹田") == [article]
    article.delete()
    assert reader_hits("蟹田") == [] and not SearchEntry.objects.exists()


def test_category_moves_show_in_filtered_staff_search():
    town, school = make_category(slug="town"), make_category(slug="school")
    article = make_article("招聘会", category=town)
    article.category = school
    article.save()
    found = search_articles(Article.objects.filter(category=school), parse("招聘"))
    assert list(found[:10]) == [article]


def test_rebuild_command_recreates_the_same_index(capsys):
    articles = [make_article(f"乡村振兴{n}") for n in range(3)]
    before = reader_hits("振兴")
    SearchEntry.objects.all().delete()
    assert reader_hits("振兴") == []
    call_command("rebuild_search_index", no_progress=True)
    assert reader_hits("振兴") == before and set(before) == set(articles)
    assert "Indexed 3 articles." in capsys.readouterr().out


def test_a_failed_save_leaves_the_index_untouched():
    from django.db import transaction

    article = make_article("原标题")
    with pytest.raises(RuntimeError), transaction.atomic():
        article.title = "新标题"
        article.save()
        raise RuntimeError("the editor's request failed half-way")
    assert reader_hits("原标题") == [article] and reader_hits("新标题") == []


def test_a_new_publish_time_moves_the_entry_to_its_new_key():
    from articles.search.index import search_key

    article = make_article("渔港新闻", body="<p>开渔节</p>")
    old_key = article.search_key
    article.publish_at = article.publish_at - datetime.timedelta(days=400)
    article.save()
    entry = SearchEntry.objects.get(article=article)
    assert entry.key == search_key(article.publish_at, article.pk) < old_key
    assert list(SearchEntry.objects.values_list("key", flat=True)) == [entry.key]
    assert reader_hits("开渔") == [article]


def test_articles_stamped_with_one_hour_get_distinct_keys_in_order():
    """An import that stamps thousands of stories with one time: keys never collide."""
    from articles.search import index

    stamp = timezone.now().replace(minute=0, second=0, microsecond=0) - datetime.timedelta(days=3)
    clash = 1 << index.ID_BITS  # ids this far apart would share a key
    category = make_category()
    first = make_article("同一时刻导入的旧闻甲", category, publish_at=stamp)
    twin = make_article("同一时刻导入的旧闻乙", category, publish_at=stamp, id=first.pk + clash)
    third = make_article("同一时刻导入的旧闻丙", category, publish_at=stamp, id=first.pk + 2 * clash)
    saved_keys = [a.search_key for a in (first, twin, third)]
    call_command("rebuild_search_index")
    rebuilt_keys = list(Article.objects.order_by("pk").values_list("search_key", flat=True))
    hour = int(stamp.timestamp()) // 3600
    for keys in (saved_keys, rebuilt_keys):
        assert len(set(keys)) == 3 and {key >> index.ID_BITS for key in keys} == {hour}
    assert sorted(a.title for a in reader_hits("旧闻")) == sorted([first.title, twin.title, third.title])
