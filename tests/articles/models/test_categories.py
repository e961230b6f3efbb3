import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def test_category_page_lists_articles_of_its_subcategories(client):
    news = make_category("新闻中心", slug="news")
    town = make_category("镇街动态", parent=news, slug="town")
    village = make_category("村居动态", parent=town, slug="village")
    other = make_category("通知公告", slug="notices")
    deep = make_article("村里的新闻", village)
    direct = make_article("中心的新闻", news)
    elsewhere = make_article("停水通知", other)

    response = client.get(reverse("articles:category", kwargs={"slug": "news"}))

    assert list(response.context["page_obj"]) == [deep, direct]  # newest first
    assert elsewhere.title not in response.content.decode()
    assert [c.name for c in response.context["subcategories"]] == ["镇街动态"]


def test_breadcrumb_shows_the_path_from_the_root(client):
    news = make_category("新闻中心", slug="news")
    town = make_category("镇街动态", parent=news, slug="town")
    response = client.get(reverse("articles:category", kwargs={"slug": "town"}))
    assert response.context["breadcrumb"] == [news, town]
    assert str(town) == "新闻中心 › 镇街动态"


def test_a_category_cannot_become_its_own_ancestor():
    news = make_category("新闻中心", slug="news")
    town = make_category("镇街动态", parent=news, slug="town")
    news.parent = town
    with pytest.raises(ValidationError):
        news.full_clean()


def test_hidden_category_leaves_the_navigation_but_keeps_its_page(client):
    make_category("内部", slug="internal", is_visible=False)
    home = client.get(reverse("articles:home")).content.decode()
    assert reverse("articles:category", kwargs={"slug": "internal"}) not in home
    assert client.get(reverse("articles:category", kwargs={"slug": "internal"})).status_code == 200
