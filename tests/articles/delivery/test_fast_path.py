"""The readers' fast path: a cached page for a reader without a session is answered before
sessions, CSRF, authentication and the admin's middleware run, with exactly the headers,
count and language the full stack gives."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.delivery import pages
from articles.models import ViewCount
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db
READER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Android 14) Chrome/120 Mobile Safari/537.36"}
# Headers that differ between any two responses by nature, not by the path taken.
PER_RESPONSE = {"Content-Length", "ETag"}


@pytest.fixture(autouse=True)
def empty_memory_layer():
    pages.memory.clear()
    yield
    pages.memory.clear()


def headers(response):
    return {name: value for name, value in response.headers.items() if name not in PER_RESPONSE}


def test_a_readers_second_visit_opens_no_session_and_has_the_same_headers(client):
    article = make_article("稻田丰收")
    first = client.get(article.get_absolute_url(), **READER)
    second = client.get(article.get_absolute_url(), **READER)
    assert hasattr(first.wsgi_request, "session")  # rendered through the whole stack
    assert not hasattr(second.wsgi_request, "session")  # answered by the fast path
    assert headers(second) == headers(first)
    assert {"Content-Security-Policy", "X-Frame-Options", "Vary", "Content-Language", "Cache-Control"} <= set(
        headers(second)
    )
    assert second["Content-Length"] == str(len(second.content))


def test_the_fast_path_counts_every_view_and_shows_the_live_count(client, settings):
    settings.NEWSROOM_VIEW_FLUSH_SECONDS = 0
    article = make_article("稻田丰收")
    for _ in range(5):
        response = client.get(article.get_absolute_url(), **READER)
    assert not hasattr(response.wsgi_request, "session")
    assert ViewCount.objects.get(article=article).total == 5
    assert "<span data-views>5</span>" in response.content.decode()


def test_the_fast_path_does_not_count_bots(client, settings):
    settings.NEWSROOM_VIEW_FLUSH_SECONDS = 0
    article = make_article("稻田丰收")
    client.get(article.get_absolute_url(), **READER)
    client.get(article.get_absolute_url(), HTTP_USER_AGENT="Baiduspider/2.0")
    assert ViewCount.objects.get(article=article).total == 1


def test_a_cached_hit_answers_from_worker_memory_without_queries(client):
    category = make_category("镇街动态", slug="town")
    make_article("稻田丰收", category)
    client.get("/category/town/", **READER)
    client.get("/category/town/", **READER)  # now in this worker's memory
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/category/town/", **READER)
    assert "稻田丰收" in response.content.decode()
    assert len(queries) == 0
    assert not hasattr(response.wsgi_request, "session")


def test_an_edit_shows_at_once_through_the_memory_layer(client):
    article = make_article("原来的标题")
    for _ in range(3):
        client.get("/", **READER)
    article.title = "改过的标题"
    article.save()
    assert "改过的标题" in client.get("/", **READER).content.decode()


def test_english_readers_get_the_english_page_from_the_fast_path(client):
    make_article("Harvest festival")
    for _ in range(2):
        english = client.get("/en/", **READER)
        chinese = client.get("/", HTTP_ACCEPT_LANGUAGE="en", **READER)  # addresses, not headers, choose
    assert not hasattr(english.wsgi_request, "session")
    assert english["Content-Language"] == "en"
    assert chinese["Content-Language"] == "zh-hans"
    assert '<html lang="en"' in english.content.decode()
    assert '<html lang="zh-hans"' in chinese.content.decode()


def test_anyone_with_a_session_goes_through_the_whole_stack(client, admin_user):
    article = make_article("稻田丰收")
    client.get(article.get_absolute_url(), **READER)
    client.force_login(admin_user)
    response = client.get(article.get_absolute_url(), **READER)
    assert hasattr(response.wsgi_request, "session")
    assert "private" in response["Cache-Control"]


def test_a_post_or_an_unknown_address_is_left_to_the_whole_stack(client):
    make_article("稻田丰收")
    client.get("/", **READER)
    assert client.post("/", **READER).status_code == 405
    missing = client.get("/no-such-page/", **READER)
    assert missing.status_code == 404
    assert hasattr(missing.wsgi_request, "session")


def test_an_unchanged_page_from_the_fast_path_answers_304(client):
    make_article("稻田丰收")
    first = client.get("/", **READER)
    again = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"], **READER)
    assert again.status_code == 304
    assert not hasattr(again.wsgi_request, "session")


def test_etags_match_each_bodys_content(client, settings):
    """Stored pages carry their ETag; the article page gets one for each count it shows,
    the same one whenever it shows the same count (so a revisit inside the view window
    is answered 304)."""
    import hashlib

    from django.utils.http import quote_etag

    settings.NEWSROOM_VIEW_WINDOW_SECONDS = 3600
    first, second = make_article("稻田丰收"), make_article("秋收")
    home = [client.get("/", **READER) for _ in range(3)]
    assert {response["ETag"] for response in home} == {quote_etag(hashlib.md5(home[0].content).hexdigest())}
    shown = [client.get(article.get_absolute_url(), **READER) for article in (first, second, first, second)]
    client.cookies.clear()  # another reader: counted again
    shown.append(client.get(first.get_absolute_url(), **READER))
    etag_of_body = {response.content: response["ETag"] for response in shown}
    assert len(etag_of_body) == 3  # 稻田丰收 with 1 view, then 2 views; 秋收 with 1
    assert len(set(etag_of_body.values())) == 3
    assert [etag_of_body[response.content] for response in shown] == [response["ETag"] for response in shown]
    revisit = client.get(first.get_absolute_url(), HTTP_IF_NONE_MATCH=shown[-1]["ETag"], **READER)
    assert revisit.status_code == 304


def test_worker_memory_keeps_the_newest_pages_within_its_size():
    import time

    from articles.delivery.pages import CachedPage, WorkerMemory

    memory = WorkerMemory(max_bytes=250)
    later = time.time() + 60
    for name in ("a", "b", "c"):
        memory.put(name, CachedPage({}, name.encode() * 100, later, "", complete=True))
    assert memory.get("a") is None  # the oldest made room
    assert memory.get("b").content == b"b" * 100
    assert memory.get("c").content == b"c" * 100
    assert memory.size == 200
    memory.put("old", CachedPage({}, b"x", time.time() - 1, "", complete=True))
    assert memory.get("old") is None  # past its expiry: never served
