"""Durability: editors save through the admin and readers read while gunicorn's workers,
then its master, are killed with SIGKILL. Every save the site acknowledged is in the
database afterwards, and SQLite's integrity check passes."""

import html
import http.client
import http.cookiejar
import os
import re
import signal
import sqlite3
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.live_site import gunicorn, manage, prepared_site

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="the SQLite leg's test"
)


class Editor:
    """A browser session in the admin: logs in, then adds articles through the real form."""

    def __init__(self, base, password):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        self.post("/admin/login/", {"username": "chief", "password": password, "next": "/admin/"})

    def token(self, path):
        page = self.opener.open(self.base + path, timeout=10).read().decode()
        return html.unescape(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1))

    def post(self, path, data):
        data = {"csrfmiddlewaretoken": self.token(path), **data}
        request = urllib.request.Request(
            self.base + path,
            urllib.parse.urlencode(data, doseq=True).encode(),
            headers={"Referer": self.base + path},
        )
        return self.opener.open(request, timeout=10)

    def add_article(self, title, category_id):
        response = self.post(
            "/admin/articles/article/add/",
            {
                "title": title, "slug": "", "category": category_id, "tags": "", "summary": "",
                "body": f"<p>{title} 正文</p>", "source": "", "meta_description": "", "author": "",
                "publish_at_0": "2026-01-01", "publish_at_1": "08:00:00",
                "flags-TOTAL_FORMS": "0", "flags-INITIAL_FORMS": "0",
                "flags-MIN_NUM_FORMS": "0", "flags-MAX_NUM_FORMS": "1000", "_save": "Save",
            },
        )  # fmt: skip
        # A saved article lands on the list; a form shown again means it was not saved.
        return response.geturl().endswith("/admin/articles/article/")


def children_of(pid):
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return [int(child) for child in found]


def test_no_acknowledged_save_is_lost_when_workers_and_master_are_killed(tmp_path):
    var = tmp_path / "site"
    env = prepared_site(var)
    manage(
        env,
        "shell",
        "-c",
        "from articles.models import Category; Category.objects.create(name='镇街动态', slug='town', review_levels=0)",
    )
    password = (var / "logins" / "chief-password").read_text().strip()
    with gunicorn(env, workers=3) as (base, master):
        category_id = (
            sqlite3.connect(var / "newsroom.sqlite3")
            .execute("SELECT id FROM articles_category")
            .fetchone()[0]
        )
        acknowledged, stop = [], threading.Event()

        def edit(number):
            try:
                editor = Editor(base, password)
                for n in range(1000):
                    if stop.is_set():
                        return
                    title = f"稿件 {number}-{n}"
                    if editor.add_article(title, category_id):
                        acknowledged.append(title)
            except (OSError, http.client.HTTPException):
                return  # the server went away: what was acknowledged so far is what counts

        def read():
            while not stop.is_set():
                try:
                    urllib.request.urlopen(base + "/", timeout=5).read()
                except (OSError, http.client.HTTPException):  # a worker killed mid-answer
                    time.sleep(0.05)

        threads = [threading.Thread(target=edit, args=(n,)) for n in range(4)]
        threads += [threading.Thread(target=read) for _ in range(4)]
        for thread in threads:
            thread.start()
        # Saves under way first: on a loaded machine the first can take longer than 2 s.
        deadline = time.monotonic() + 60
        while not acknowledged and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)
        for worker in children_of(master.pid)[:2]:
            os.kill(worker, signal.SIGKILL)  # the master starts new ones
        time.sleep(2)
        saved_before_master = len(acknowledged)
        for worker in children_of(master.pid):
            os.kill(worker, signal.SIGKILL)
        master.send_signal(signal.SIGKILL)
        stop.set()
        for thread in threads:
            thread.join(30)
    assert saved_before_master > 0
    database = sqlite3.connect(var / "newsroom.sqlite3")
    assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = {title for (title,) in database.execute("SELECT title FROM articles_article")}
    assert set(acknowledged) <= stored
    assert len(acknowledged) >= saved_before_master
