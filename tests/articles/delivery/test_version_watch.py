"""With Redis, each process keeps the content version while it hears every purge: no
round trip per request, and a purge anywhere still reaches every process at once."""

import time

import pytest
from django.conf import settings
from django.core.cache import cache

from articles.delivery.version import content_version, purge
from articles.delivery.version_watch import watch
from tests.newsroom.fresh_process import python_with

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not settings.REDIS_URL, reason="the watch listens on Redis (the PostgreSQL leg)"),
]


def listening_copy():
    """This process's version, once its watch is subscribed and has heard the purges that
    earlier tests published (each one rightly makes the next read go to Redis)."""
    content_version()
    deadline = time.monotonic() + 5
    while not watch.listening and time.monotonic() < deadline:
        time.sleep(0.02)
    assert watch.listening
    heard = None
    while watch.generation != heard and time.monotonic() < deadline:
        heard = watch.generation
        time.sleep(0.1)
    return content_version()


def within(seconds, condition):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.005)
    return False


def test_while_listening_the_version_is_read_from_memory(monkeypatch):
    version = listening_copy()
    reads = []
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: reads.append(args))
    assert [content_version() for _ in range(100)] == [version] * 100
    assert reads == []


def test_a_purge_in_another_process_reaches_this_one_at_once():
    version = listening_copy()
    other = python_with(
        "import django; django.setup()\nfrom articles.delivery.version import purge; purge()",
        REDIS_URL=settings.REDIS_URL,
        CACHE_KEY_PREFIX=cache.key_prefix,
    )
    assert other.returncode == 0, other.stderr[-2000:]
    assert within(0.5, lambda: content_version() != version)


def test_a_purge_here_is_seen_here_before_it_returns():
    version = listening_copy()
    purge()
    assert content_version() != version
