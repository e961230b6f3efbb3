"""Readers' pages take the category tree from each process's copy (delivery/category_tree.py),
read again whenever a category changes: every change shows on the next page."""

import pytest

from articles.delivery.category_tree import category_tree
from articles.delivery.version import STATE_KEY, content_version, purge
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def test_a_new_subcategorys_articles_join_its_parents_page_at_once(client):
    news = make_category("新闻", slug="news")
    client.get("/category/news/")
    towns = make_category("镇街动态", parent=news, slug="towns")
    make_article("双港镇新闻", category=towns)
    purge()
    page = client.get("/category/news/").content.decode()
    assert "双港镇新闻" in page
    assert '<a href="/category/towns/">镇街动态</a>' in page  # listed as a subcategory


def test_a_renamed_or_moved_category_shows_in_breadcrumbs_and_menus_at_once(client):
    news, notices = make_category("新闻", slug="news"), make_category("公告", slug="notices")
    towns = make_category("镇街动态", parent=news, slug="towns")
    article = make_article("双港镇新闻", category=towns)
    client.get(article.get_absolute_url())
    towns.name, towns.parent = "乡镇", notices
    towns.save()
    purge()
    page = client.get(article.get_absolute_url()).content.decode()
    breadcrumb = page[
        page.index('class="breadcrumb"') : page.index("</nav>", page.index('class="breadcrumb"'))
    ]
    assert ("公告" in breadcrumb, "新闻" in breadcrumb, "乡镇" in breadcrumb) == (True, False, True)
    home = client.get("/").content.decode()  # the latest news cards name each article's category
    assert ('<a href="/category/towns/">乡镇</a>' in home, "镇街动态" in home) == (True, False)


def menu(client):
    page = client.get("/").content.decode()
    start = page.index('class="category-nav"')
    return page[start : page.index("</nav>", start)]


def test_a_hidden_category_leaves_the_menu_but_keeps_its_page(client):
    news = make_category("新闻", slug="news")
    make_article("双港镇新闻", category=news)
    assert '<a href="/category/news/">新闻</a>' in menu(client)
    news.is_visible = False
    news.save()
    purge()
    assert '<a href="/category/news/">新闻</a>' not in menu(client)
    assert client.get("/category/news/").status_code == 200


def test_the_tree_is_read_once_until_a_category_changes(django_assert_num_queries):
    news = make_category("新闻", slug="news")
    first = category_tree()
    with django_assert_num_queries(0):
        assert category_tree() is first
    make_category("镇街动态", parent=news, slug="towns")
    content_version()  # worked out once per change, by whichever page comes first
    with django_assert_num_queries(1):
        assert [c.name for c in category_tree().children_of(news)] == ["镇街动态"]


def test_no_render_asks_the_shared_cache_for_the_menu_version(client, monkeypatch):
    """The tree and the menu fragment go by the menu version the process's content
    version carries: a render after an article's edit does not read it again."""
    from django.core.cache import cache

    from articles.delivery.version import MENU_KEY

    news = make_category("新闻", slug="news")
    article = make_article("双港镇新闻", category=news)
    client.get("/")
    article.title = "双港镇要闻"
    article.save()
    content_version()
    asked, get = [], cache.get
    monkeypatch.setattr(
        cache, "get", lambda key, *args, **kwargs: asked.append(key) or get(key, *args, **kwargs)
    )
    for path in ("/", "/category/news/", article.get_absolute_url()):
        assert "双港镇要闻" in client.get(path).content.decode()
    assert MENU_KEY not in asked


def test_the_menu_is_rendered_once_per_category_change_and_language(client, monkeypatch):
    """After an article's edit no render asks the shared caches for the menu, and each
    language's menu is its own."""
    from django.core.cache import cache, caches

    article = make_article("双港镇新闻", category=make_category("新闻", slug="news"))
    client.get("/")
    client.get("/en/")
    article.title = "双港镇要闻"
    article.save()
    content_version()
    asked = []
    for shared in (cache, caches["pages"]):
        get = shared.get
        monkeypatch.setattr(
            shared,
            "get",
            lambda key, *args, get=get, **kwargs: asked.append(key) or get(key, *args, **kwargs),
        )
    chinese, english = client.get("/").content.decode(), client.get("/en/").content.decode()
    assert '<li><a href="/">首页</a></li>' in chinese and '<li><a href="/en/">Home</a></li>' in english
    pages = [key for key in asked if key.startswith("newsroom:pages:")]
    assert len(pages) == 2  # the two pages, each asked once
    assert set(asked) - set(pages) <= {STATE_KEY}  # and, on one machine, whether the version changed
