"""Reader links are worked out once per address and then remembered (delivery/links.py):
each must still be the address Django's reverse() would give, whatever the language,
script prefix or URLconf of the moment."""

import pytest
from django.test import override_settings
from django.urls import clear_url_caches, path, reverse, set_script_prefix
from django.utils import translation

from articles.delivery.links import link
from articles.urls import urlpatterns as article_urlpatterns
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_an_article_link_follows_the_language_of_the_moment():
    article = make_article(slug="town-news")
    with translation.override("zh-hans"):
        chinese = article.get_absolute_url()
    with translation.override("en"):
        english = article.get_absolute_url()
    with translation.override("zh-hans"):
        again = article.get_absolute_url()
    assert (chinese, english, again) == (
        f"/articles/{article.pk}/town-news/",
        f"/en/articles/{article.pk}/town-news/",
        f"/articles/{article.pk}/town-news/",
    )


def test_a_link_follows_the_script_prefix_of_a_site_served_below_the_root():
    article = make_article(slug="town-news")
    plain = article.get_absolute_url()
    set_script_prefix("/news/")
    try:
        below = article.get_absolute_url()
    finally:
        set_script_prefix("/")
    assert (plain, below) == (f"/articles/{article.pk}/town-news/", f"/news/articles/{article.pk}/town-news/")


def test_a_renamed_article_links_to_its_new_slug():
    article = make_article(slug="old-name")
    before = article.get_absolute_url()
    article.slug = "new-name"
    assert (before, article.get_absolute_url()) == (
        f"/articles/{article.pk}/old-name/",
        f"/articles/{article.pk}/new-name/",
    )


urlpatterns = [path("elsewhere/", (article_urlpatterns, "articles", "articles"))]


def test_a_link_follows_a_changed_urlconf():
    article = make_article(slug="town-news")
    before = article.get_absolute_url()
    with override_settings(ROOT_URLCONF=__name__):
        clear_url_caches()
        moved = article.get_absolute_url()
    clear_url_caches()
    assert (before, moved) == (
        f"/articles/{article.pk}/town-news/",
        f"/elsewhere/articles/{article.pk}/town-news/",
    )


def test_link_gives_what_reverse_gives_for_each_reader_address():
    article = make_article(slug="town-news", tags=["养老"])
    names = [
        ("articles:home", {}),
        ("articles:article", {"pk": article.pk, "slug": "town-news"}),
        ("articles:category", {"slug": article.category.slug}),
        ("articles:tag", {"slug": article.tags.get().slug}),
        ("articles:search", {}),
    ]
    assert [link(name, **kwargs) for name, kwargs in names] == [
        reverse(name, kwargs=kwargs) for name, kwargs in names
    ]
