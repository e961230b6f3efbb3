"""Whichever gunicorn worker answers, a reader gets the same page, no older than its bound."""

import threading
import time
import urllib.request

import pytest
from django.conf import settings

from tests.live_site import gunicorn, manage, prepared_site

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="the SQLite leg's test"
)
BROWSER = {"User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36"}


def fetch(url):
    return urllib.request.urlopen(urllib.request.Request(url, headers=BROWSER), timeout=10).read()


def concurrently(url, count=24):
    pages, threads = [], [threading.Thread(target=lambda: pages.append(fetch(url))) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return pages


def test_the_popular_lists_are_the_same_from_every_worker_and_at_most_the_bound_old(tmp_path):
    env = prepared_site(
        tmp_path / "site", POPULAR_SECONDS="10", VIEW_FLUSH_SECONDS="0", VIEWS_PER_ADDRESS="0"
    )
    manage(env, "load_demo", "--readers", "0")
    with gunicorn(env, workers=3) as (base, _):
        first = fetch(base + "/")  # one worker renders the home page: nobody has read anything yet
        rendered = time.monotonic()
        article = base + "/articles/2/autumn-harvest-rice/"
        for _ in range(5):
            fetch(article)  # five views, written at once
        pages = concurrently(base + "/")
        assert time.monotonic() - rendered < 10, "too slow to test within the page's lifetime"
        assert set(pages) == {first}  # every worker answers with the page it shares
        time.sleep(max(0, rendered + 10.5 - time.monotonic()))
        fresh = concurrently(base + "/")
        assert len(set(fresh)) == 1
        assert fresh[0] != first
        assert "5 次浏览" in fresh[0].decode()
