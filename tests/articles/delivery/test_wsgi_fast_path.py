"""The WSGI application gunicorn serves answers a session-less reader's complete cached
page before Django's handler runs, exactly as the full stack would; everything else
goes to Django."""

import os
import subprocess
import sys

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import RequestFactory

from articles.delivery import pages
from articles.delivery.fast_path import FastPathApplication
from articles.models import ViewCount
from tests.factories import make_article

pytestmark = pytest.mark.django_db
READER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Android 14) Chrome/120 Mobile Safari/537.36"}
PER_RESPONSE = {"Content-Length", "ETag"}  # differ between any two responses by nature


class CountingDjango:
    """Django's own WSGI application, counting the requests it is given."""

    def __init__(self):
        self.application = get_wsgi_application()
        self.calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return self.application(environ, start_response)


@pytest.fixture
def django_app():
    # As Django's test client does: a request must not close the test's database connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    pages.memory.clear()
    yield CountingDjango()
    pages.memory.clear()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def app(django_app):
    return FastPathApplication(django_app)


def call(app, method, path, **headers):
    """(status line, headers, body) as a WSGI server would send them."""
    environ = getattr(RequestFactory(), method)(path, **headers).environ
    answer = {}

    def start_response(status, header_list, exc_info=None):
        answer["status"], answer["headers"] = status, dict(header_list)

    body_parts = app(environ, start_response)
    body = b"".join(body_parts)
    body_parts.close()  # as gunicorn does: Django's request_finished
    return answer["status"], answer["headers"], body


def test_a_cached_page_is_answered_before_djangos_handler_with_the_full_stacks_headers(app, django_app):
    article = make_article("稻田丰收")
    first = call(app, "get", article.get_absolute_url(), **READER)
    second = call(app, "get", article.get_absolute_url(), **READER)
    assert django_app.calls == 1  # the first rendered the page through the whole stack
    assert first[0] == second[0] == "200 OK"
    assert {k: v for k, v in second[1].items() if k not in PER_RESPONSE} == {
        k: v for k, v in first[1].items() if k not in PER_RESPONSE
    }
    security = {"Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"}
    assert security <= set(second[1])
    assert second[1]["Content-Length"] == str(len(second[2]))
    assert "<span data-views>2</span>" in second[2].decode()


def test_every_view_answered_early_is_counted(app, settings):
    settings.NEWSROOM_VIEW_FLUSH_SECONDS = 0
    article = make_article("稻田丰收")
    for _ in range(5):
        call(app, "get", article.get_absolute_url(), **READER)
    call(app, "get", article.get_absolute_url(), HTTP_USER_AGENT="Baiduspider/2.0")
    call(app, "head", article.get_absolute_url(), **READER)
    assert ViewCount.objects.get(article=article).total == 5


def test_an_unchanged_page_answers_304_early(app, django_app):
    make_article("稻田丰收")
    first = call(app, "get", "/", **READER)
    again = call(app, "get", "/", HTTP_IF_NONE_MATCH=first[1]["ETag"], **READER)
    assert again[0] == "304 Not Modified"
    assert again[2] == b""
    assert django_app.calls == 1


def test_plain_http_is_redirected_to_https_by_django_when_the_site_asks(django_app, settings):
    make_article("稻田丰收")
    call(FastPathApplication(django_app), "get", "/", **READER)  # cached
    settings.SECURE_SSL_REDIRECT = True  # read when the applications start, as on a server
    django_app.application = get_wsgi_application()
    status, headers, _ = call(FastPathApplication(django_app), "get", "/", **READER)
    assert (status, headers["Location"]) == ("301 Moved Permanently", "https://testserver/")
    assert django_app.calls == 2


def test_sessions_posts_and_static_files_go_to_django(app, django_app):
    make_article("稻田丰收")
    call(app, "get", "/", **READER)
    call(app, "get", "/", HTTP_COOKIE="sessionid=abc", **READER)
    call(app, "post", "/", **READER)
    call(app, "get", "/static/css/site.css", **READER)
    call(app, "get", "/no-such-page/", **READER)
    assert django_app.calls == 5


def test_an_error_while_answering_early_is_the_sites_error_page(app, monkeypatch):
    make_article("稻田丰收")
    call(app, "get", "/", **READER)

    def broken(key):
        raise RuntimeError("the cache fell over")

    monkeypatch.setattr(pages, "read", broken)
    status, headers, body = call(app, "get", "/", **READER)
    assert status == "500 Internal Server Error"
    assert "出错了 · Something went wrong" in body.decode()


def test_gunicorn_is_given_the_early_answering_application():
    """In a process of its own: loading newsroom.wsgi freezes the process's objects (long_lived.py)."""
    check = "from newsroom.wsgi import application; print(type(application).__name__)"
    ran = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True, env=os.environ
    )
    assert ran.stdout.strip() == "FastPathApplication"


def test_a_page_not_yet_cached_is_looked_up_once_however_many_layers_ask(app, monkeypatch):
    """The WSGI application, the fast-path middleware and the view's decorator each ask
    for the page: a miss costs one read of the shared cache, not three."""
    article = make_article("稻田丰收")
    reads = []
    real_read = pages.read
    monkeypatch.setattr(pages, "read", lambda key: reads.append(key) or real_read(key))
    status, _headers, body = call(app, "get", article.get_absolute_url(), **READER)
    assert status == "200 OK" and "稻田丰收" in body.decode()
    assert len(reads) == 1
    call(app, "get", article.get_absolute_url(), **READER)  # a hit: read once too
    assert len(reads) == 2
