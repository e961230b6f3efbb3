"""SEARCH_BACKEND=tantivy: every match ranked, the same matches as the database engine,
written after each commit, rebuilt by the command."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles import search
from articles.models import Article
from articles.search import engines
from tests.factories import make_article, make_category

# Committed for real: the index is written after each commit, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tantivy(settings, tmp_path):
    settings.NEWSROOM_SEARCH_BACKEND = "tantivy"
    settings.NEWSROOM_TANTIVY_INDEX_DIR = str(tmp_path / "tantivy")


def titles(query, order=search.ORDER_RELEVANCE):
    return [
        a.title for a in search.search_articles(Article.objects.published(), search.parse(query), order)[:50]
    ]


def test_the_old_article_that_matches_best_comes_first_however_many_newer_ones_match(
    tantivy, settings, monkeypatch
):
    monkeypatch.setattr(engines, "RECENT_CANDIDATES", 10)  # the database engine's window, made small
    category = make_category()
    long_ago = timezone.now() - datetime.timedelta(days=3650)
    make_article("稻田养殖的老经验", category, body="<p>稻田稻田，稻田里养鱼。</p>", publish_at=long_ago)
    for number in range(30):
        make_article(f"镇里新闻{number}", category, body=f"<p>会议提到了稻田。第{number}条。</p>")
    assert titles("稻田")[0] == "稻田养殖的老经验"
    settings.NEWSROOM_SEARCH_BACKEND = "database"
    assert "稻田养殖的老经验" not in titles("稻田")  # outside the newest 10 the database engine scores


@pytest.mark.parametrize(
    "query", ["稻田", "港", "经济发展", "harv", "harvest festival", "稻田 -养老", '"社区食堂"']
)
def test_tantivy_finds_exactly_what_the_database_engine_finds(tantivy, settings, query):
    category = make_category()
    bodies = [
        ("稻田丰收", "<p>西三合村的稻田迎来丰收，经济发展势头好。</p>"),
        ("养老服务", "<p>稻田边的社区食堂为老人服务，养老。</p>"),
        ("港城新闻", "<p>港城经济发展，香港客商来访。</p>"),
        ("Harvest festival", "<p>The harvest festival drew a crowd to the village.</p>"),
        ("Harvey's shop", "<p>Harvey opened a shop.</p>"),
        ("社区食堂开业", "<p>社区食堂今天开业。</p>"),
    ]
    for title, body in bodies:
        make_article(title, category, body=body)
    from_tantivy = sorted(titles(query))
    settings.NEWSROOM_SEARCH_BACKEND = "database"
    assert from_tantivy == sorted(titles(query)) != []


def test_an_edit_and_a_deletion_reach_the_index_after_commit(tantivy):
    article = make_article("旧标题", body="<p>正文</p>")
    assert titles("旧标题") == ["旧标题"]
    article.title = "新标题"
    article.save()
    assert (titles("旧标题"), titles("新标题")) == ([], ["新标题"])
    article.delete()
    assert titles("新标题") == []


def test_rebuild_search_index_rebuilds_tantivy_too(tantivy, settings, tmp_path):
    make_article("双港镇召开会议", body="<p>会议</p>")
    settings.NEWSROOM_TANTIVY_INDEX_DIR = str(tmp_path / "elsewhere")  # a new, empty index
    assert titles("会议") == []
    out = io.StringIO()
    call_command("rebuild_search_index", "--no-progress", stdout=out)
    assert titles("会议") == ["双港镇召开会议"]
    assert f"in Tantivy ({tmp_path / 'elsewhere'})" in out.getvalue()
