"""/healthz: what a load balancer or monitor asks — database, cache, storage — never cached or counted."""

import json

import pytest
from django.core.cache import cache

from articles.models import ViewCount
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_a_healthy_node_answers_200_with_each_check(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok"}
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_failing_check_is_a_503_that_names_it_without_details(client, monkeypatch, settings):
    def broken(*args, **kwargs):
        raise ConnectionError("redis://:secret-password@10.0.0.5:6379 refused")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {
        "status": "error",
        "database": "ok",
        "cache": "error",
        "storage": "ok",
    }
    assert b"secret-password" not in response.content and b"10.0.0.5" not in response.content


def test_health_checks_count_no_views_and_live_at_one_address(client):
    article = make_article()
    client.get("/healthz", HTTP_USER_AGENT="Mozilla/5.0 Chrome/120")
    assert not ViewCount.objects.filter(pk=article.pk).exists()
    assert client.get("/en/healthz").status_code == 404  # one address, not per language
