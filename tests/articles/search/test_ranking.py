import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.search import ORDER_DATE, parse, search_articles
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def ranked(query, order="relevance"):
    return list(search_articles(Article.objects.published(), parse(query), order)[:20])


def test_title_matches_rank_above_body_matches():
    old = timezone.now() - datetime.timedelta(days=30)
    in_body = make_article("镇里的新闻", body="<p>今年养老服务中心开业，社区居民很满意。</p>")
    in_title = make_article("养老服务中心开业", body="<p>社区居民很满意。</p>", publish_at=old)
    assert ranked("养老") == [in_title, in_body]


def test_newer_first_among_equals():
    now = timezone.now()
    newer = make_article("就业招聘会", body="<p>岗位</p>", publish_at=now - datetime.timedelta(days=1))
    older = make_article("就业招聘会", body="<p>岗位</p>", publish_at=now - datetime.timedelta(days=2))
    assert ranked("就业") == [newer, older]  # by publish time, though the older was entered later


def test_sort_by_date_switch():
    now = timezone.now()
    strong = make_article(
        "稻田 稻田 稻田",
        body="<p>稻田</p>",
        publish_at=now - datetime.timedelta(days=5),
    )
    weak = make_article("新闻", body="<p>稻田</p>", publish_at=now - datetime.timedelta(days=1))
    assert ranked("稻田") == [strong, weak]
    assert ranked("稻田", ORDER_DATE) == [weak, strong]


def test_single_character_queries_list_the_newest_matches_first():
    now = timezone.now()
    first = make_article("港口", publish_at=now - datetime.timedelta(days=3))
    second = make_article("港城 港城 港城", publish_at=now - datetime.timedelta(days=2))
    assert ranked("港") == [second, first]


def test_results_page_counts_and_pages(client):
    for number in range(25):
        make_article(f"养老新闻{number}")
    response = client.get(reverse("articles:search"), {"q": "养老", "page": 2})
    assert response.context["page_obj"].paginator.count == 25
    assert len(response.context["hits"]) == 5
    assert "q=%E5%85%BB%E8%80%81&amp;order=relevance&amp;page=1" in response.content.decode()


def test_relevance_is_scored_over_the_newest_matches_by_publish_time(monkeypatch):
    from articles.search import engines

    monkeypatch.setattr(engines, "RECENT_CANDIDATES", 2)
    now = timezone.now()
    weaker = [
        make_article("新闻", body="<p>经济</p>", publish_at=now - datetime.timedelta(days=days))
        for days in (1, 2)
    ]
    # Entered last, as an imported archive's oldest story would be: the highest id, the oldest date.
    strongest_but_oldest = make_article("经济 经济 经济", publish_at=now - datetime.timedelta(days=3000))
    assert ranked("经济") == weaker
    assert ranked("经济", ORDER_DATE) == [*weaker, strongest_but_oldest]


def test_the_window_counts_only_true_matches_of_a_phrase(monkeypatch):
    """Newer articles holding the phrase's words apart are not matches, so they do not
    crowd an older true match out of the relevance window."""
    from articles.search import engines

    monkeypatch.setattr(engines, "RECENT_CANDIDATES", 2)
    now = timezone.now()
    true_match = make_article("学习社会主义", publish_at=now - datetime.timedelta(days=10))
    for days in (1, 2, 3):  # 社会, 会主 and 主义 are all there, but not as 社会主义
        make_article("社会。会主。主义", publish_at=now - datetime.timedelta(days=days))
    assert ranked("社会主义") == [true_match]


def test_an_exclusion_does_not_narrow_the_window_to_nothing(monkeypatch):
    from articles.search import engines

    monkeypatch.setattr(engines, "RECENT_CANDIDATES", 2)
    now = timezone.now()
    wanted = make_article("养老 服务", publish_at=now - datetime.timedelta(days=10))
    for days in (1, 2, 3):
        make_article("养老 社区服务", publish_at=now - datetime.timedelta(days=days))
    assert ranked("养老 -社区服务") == [wanted]


def test_single_character_queries_list_the_newest_by_publish_time():
    now = timezone.now()
    newest = make_article("港口新闻", publish_at=now - datetime.timedelta(days=1))
    oldest = make_article("港口旧闻", publish_at=now - datetime.timedelta(days=900))
    middle = make_article("港口消息", publish_at=now - datetime.timedelta(days=30))
    assert ranked("港") == [newest, middle, oldest]


def test_a_single_character_is_found_past_the_newest_entries_tested_one_by_one(monkeypatch):
    from articles.search import engines

    monkeypatch.setattr(engines, "WALKED_ENTRIES", 2)
    now = timezone.now()
    old = make_article("港口旧闻", publish_at=now - datetime.timedelta(days=300))
    for days in (1, 2, 3):
        make_article("稻田新闻", publish_at=now - datetime.timedelta(days=days))
    assert ranked("港") == [old]
