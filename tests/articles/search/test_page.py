"""The search page: highlighted, escaped, helpful, and never a 500 whatever is typed."""

import pytest
from django.urls import reverse

from tests.factories import make_article

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    "",
    "   ",
    "x" * 10_000,
    "稻" * 10_000,
    '"',
    '""',
    '"unbalanced 稻田',
    "*",
    "稻*",
    "NEAR(稻田 养老)",
    "稻田 OR 养老",
    "稻田 AND NOT 养老",
    "(((",
    ")",
    "-",
    "--稻田",
    "-稻田",
    "title:稻田",
    "{title body}: x",
    "%",
    "_",
    "%稻_",
    "\\",
    "\\'; DROP TABLE articles_article; --",
    "\x00\x01\x1f稻田\x7f",
    "稻田\u200b养老",
    "ｌｉｂｒａｒｙ",
    "Ünïcödé ßtraße",
    "😀 稻田",
    "<script>alert(1)</script>",
    "^稻田",
    "'稻田'",
    "稻田:*",
    "!稻田 & 养老 | x",
    "稻田 <-> 养老",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
@pytest.mark.parametrize("order", ["relevance", "date"])
def test_odd_queries_never_fail(client, query, order):
    make_article("西三合村的稻田", body="<p>养老 library</p>")
    response = client.get(reverse("articles:search"), {"q": query, "order": order, "page": 1})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_an_unknown_sort_order_is_a_400(client):
    assert client.get(reverse("articles:search"), {"q": "稻田", "order": "bogus"}).status_code == 400


def test_matches_are_highlighted_and_content_is_escaped(client):
    make_article(
        "<b>稻田</b>丰收",
        body="<p>西三合村的稻田&lt;img src=x onerror=alert(1)&gt;迎来丰收。</p>",
    )
    content = client.get(reverse("articles:search"), {"q": "稻田"}).content.decode()
    assert "&lt;b&gt;<mark>稻田</mark>&lt;/b&gt;丰收" in content
    assert "西三合村的<mark>稻田</mark>&lt;img src=x onerror=alert(1)&gt;迎来丰收" in content
    assert "<img src=x" not in content


def test_query_text_is_escaped_in_the_page(client):
    content = client.get(reverse("articles:search"), {"q": '"><script>alert(1)</script>'}).content.decode()
    assert "<script>alert(1)</script>" not in content


def test_nothing_found_says_so_helpfully(client):
    make_article("稻田")
    response = client.get(reverse("articles:search"), {"q": "火星"})
    assert response.context["page_obj"].paginator.count == 0
    assert "没有找到结果" in response.content.decode()


def test_the_result_count_says_nothing_about_matching_drafts(client, monkeypatch):
    from articles.models import Article
    from articles.search import results

    monkeypatch.setattr(results, "RANKED_LIMIT", 4)
    for n in range(6):  # drafts that match better (the term twice) and are newer
        make_article(f"稻田稻田草稿{n}", status=Article.Status.DRAFT)
    published = [make_article(f"稻田新闻{n}") for n in range(3)]
    response = client.get(reverse("articles:search"), {"q": "稻田"})
    assert [article for article, _, _ in response.context["hits"]] == published
    assert response.context["page_obj"].paginator.count == 3
    assert response.context["truncated"] is False


def test_date_order_lists_the_newest_matches_and_says_when_there_are_more(client, monkeypatch):
    """Like relevance order, date order lists a bounded number of matches (every match
    of a common word would be most of the archive), with a note saying so."""
    import datetime

    from django.utils import timezone

    from articles.search import results

    monkeypatch.setattr(results, "DATED_LIMIT", 3)
    now = timezone.now()
    newest = [make_article(f"稻田新闻{n}", publish_at=now - datetime.timedelta(days=n + 1)) for n in range(3)]
    make_article("稻田旧闻", publish_at=now - datetime.timedelta(days=400))
    response = client.get(reverse("articles:search"), {"q": "稻田", "order": "date"})
    assert [article for article, _, _ in response.context["hits"]] == newest
    assert response.context["page_obj"].paginator.count == 3
    assert "“稻田”共 3 条结果 （仅列出最新的结果；可增加关键词缩小范围）" in " ".join(
        response.content.decode().split()
    )


def test_date_order_is_exact_within_the_hour_at_the_edge_of_the_list(monkeypatch):
    """Search keys order by publish hour, then by id: within one hour a later article
    may hold a lower key. The list still ends with the newest by publish time."""
    import datetime

    from django.utils import timezone

    from articles.models import Article
    from articles.search import ORDER_DATE, parse, results, search_articles

    monkeypatch.setattr(results, "DATED_LIMIT", 2)
    hour = timezone.now().replace(minute=0, second=0, microsecond=0) - datetime.timedelta(hours=5)
    latest = make_article("稻田一", publish_at=hour + datetime.timedelta(minutes=50))  # the lowest key
    make_article("稻田二", publish_at=hour + datetime.timedelta(minutes=10))
    make_article("稻田三", publish_at=hour + datetime.timedelta(minutes=20))
    second = make_article("稻田四", publish_at=hour + datetime.timedelta(minutes=30))  # the highest key
    found = list(search_articles(Article.objects.published(), parse("稻田"), ORDER_DATE)[:10])
    assert found == [latest, second]
