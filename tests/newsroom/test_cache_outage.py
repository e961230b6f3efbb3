"""With Redis configured but down, readers and editors still get their pages."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = settings.CACHES | {
        "default": {
            "BACKEND": "newsroom.cache.FailSafeRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    settings.NEWSROOM_VIEWS_PER_ADDRESS = 30
    yield
    del caches["default"]


def test_public_pages_answer_and_count_views_without_the_cache(client, redis_down):
    article = make_article("镇里开会", tags=["民生"])
    for url in ("/", article.get_absolute_url(), reverse("articles:search") + "?q=开会", "/feed/"):
        assert client.get(url, HTTP_USER_AGENT=BROWSER).status_code == 200
    assert Article.objects.select_related("views").get(pk=article.pk).view_count == 1


def test_an_edit_shows_at_once_without_the_cache(client, redis_down):
    article = make_article("旧标题")
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    article.title = "新标题"
    article.save()
    assert "新标题" in client.get("/", HTTP_USER_AGENT=BROWSER).content.decode()


def test_logging_in_works_without_the_cache(client, redis_down):
    from tests.factories import PASSWORD, make_editor

    make_editor()
    response = client.post(reverse("admin:login"), {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302


def test_the_redis_cache_builds_one_client_per_server_not_one_per_call():
    """redis-py builds ~170 reply callbacks in each client's constructor: more CPU than the
    round trip itself, which Django's cache paid on every get."""
    from newsroom.cache import FailSafeRedisCache

    cache = FailSafeRedisCache("redis://127.0.0.1:1/0", {})
    client = cache._cache.get_client()
    assert cache._cache.get_client("any-key") is client
    assert cache._cache.get_client(write=True) is client  # one server: reads and writes share it
