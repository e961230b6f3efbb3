"""浏览次数: one per reader view, exact under concurrency, never invented."""

import re
import threading
import urllib.request

import pytest
from django.db import OperationalError, connection

from articles.delivery.view_buffer import buffer
from articles.models import DailyViewCount, ViewCount
from tests.factories import make_article

BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1"


def shown_count(response):
    return int(re.search(r"<span data-views>(\d+)</span>", response.content.decode()).group(1))


def views_of(article):
    return ViewCount.objects.filter(article=article).values_list("total", flat=True).first() or 0


@pytest.mark.django_db
def test_counts_start_at_zero_and_grow_by_one_per_view(client):
    article = make_article()
    assert views_of(article) == 0
    first = client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    second = client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert (shown_count(first), shown_count(second)) == (1, 2)
    assert views_of(article) == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [
        {
            "HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)"
        },
        {"HTTP_USER_AGENT": "Mozilla/5.0 (compatible; Googlebot/2.1)"},
        {"HTTP_USER_AGENT": BROWSER, "HTTP_SEC_PURPOSE": "prefetch"},
        {"HTTP_USER_AGENT": BROWSER, "HTTP_PURPOSE": "prefetch"},
    ],
    ids=["baiduspider", "googlebot", "sec-purpose-prefetch", "purpose-prefetch"],
)
def test_bots_and_prefetches_are_not_counted(client, headers):
    article = make_article()
    assert client.get(article.get_absolute_url(), **headers).status_code == 200
    assert views_of(article) == 0


@pytest.mark.django_db
def test_head_requests_and_staff_previews_are_not_counted(client, admin_user):
    article = make_article()
    assert client.head(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER).status_code == 200
    client.force_login(admin_user)
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert views_of(article) == 0


@pytest.mark.django_db(transaction=True)
def test_concurrent_views_against_a_live_server_lose_nothing(live_server):
    article = make_article()
    url = live_server.url + article.get_absolute_url()
    threads, per_thread, failures = 8, 25, []

    def reader():
        for _ in range(per_thread):
            request = urllib.request.Request(
                urllib.parse.quote(url, safe=":/"), headers={"User-Agent": BROWSER}
            )
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    assert response.status == 200
            except Exception as error:  # recorded, then asserted below
                failures.append(repr(error))

    workers = [threading.Thread(target=reader) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert failures == []
    assert views_of(article) == threads * per_thread
    assert article.daily_views.get().total == threads * per_thread, connection.vendor


@pytest.mark.django_db
def test_buffered_views_show_at_once_and_are_written_on_flush(client, settings):
    settings.NEWSROOM_VIEW_FLUSH_SECONDS = 60
    article = make_article()
    responses = [client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER) for _ in range(3)]
    assert [shown_count(r) for r in responses] == [1, 2, 3]
    assert views_of(article) == 0  # still pending in this process
    buffer.flush()
    assert views_of(article) == 3
    assert DailyViewCount.objects.get(article=article).total == 3
    assert shown_count(client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)) == 4


@pytest.mark.django_db(transaction=True)
def test_buffered_concurrent_views_lose_nothing(live_server, settings):
    settings.NEWSROOM_VIEW_FLUSH_SECONDS = 0.05  # flushed by the timer thread while readers keep coming
    article = make_article()
    url = urllib.parse.quote(live_server.url + article.get_absolute_url(), safe=":/")

    def reader():
        for _ in range(20):
            request = urllib.request.Request(url, headers={"User-Agent": BROWSER})
            with urllib.request.urlopen(request, timeout=30) as response:
                assert response.status == 200

    workers = [threading.Thread(target=reader) for _ in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    buffer.flush()
    assert views_of(article) == 120


@pytest.mark.django_db
def test_views_survive_a_failed_write(client, settings, monkeypatch):
    from articles.delivery import view_buffer

    settings.NEWSROOM_VIEW_FLUSH_SECONDS = 60
    article = make_article()
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    real_write = view_buffer.write_views

    def database_down(counts):
        raise OperationalError("database unavailable")

    monkeypatch.setattr(view_buffer, "write_views", database_down)
    with pytest.raises(OperationalError):
        buffer.flush()
    monkeypatch.setattr(view_buffer, "write_views", real_write)
    buffer.flush()
    assert views_of(article) == 1


@pytest.mark.django_db(transaction=True)
def test_a_deleted_articles_pending_views_do_not_sink_the_others(client, settings):
    settings.NEWSROOM_VIEW_FLUSH_SECONDS = 60
    kept, deleted = make_article(), make_article()
    for article in (kept, deleted, kept):
        client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    deleted.delete()
    buffer.flush()  # a real COMMIT: the deferred foreign key is checked here
    assert views_of(kept) == 2
    assert not buffer.pending
    client.get(kept.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    buffer.flush()
    assert views_of(kept) == 3


@pytest.mark.django_db(transaction=True)
def test_a_batch_refused_for_good_is_dropped_not_retried_forever(settings, monkeypatch):
    from articles.delivery import view_buffer

    settings.NEWSROOM_VIEW_FLUSH_SECONDS = 60
    article = make_article()
    buffer.pending[(article.pk, view_buffer.timezone.localdate())] += 1

    def refused(counts):
        raise view_buffer.IntegrityError("constraint failed")

    monkeypatch.setattr(view_buffer, "write_views", refused)
    buffer.flush()
    assert not buffer.pending
    assert buffer.timer is None


@pytest.mark.django_db
def test_a_view_counts_on_the_sites_own_day_on_either_side_of_its_midnight(client, settings, monkeypatch):
    """The day of a view is the site's local day (Asia/Shanghai here), not UTC's, and
    changes at the site's midnight even in a worker that counted views the day before."""
    import datetime
    from zoneinfo import ZoneInfo

    from articles.delivery import view_buffer

    settings.NEWSROOM_VIEW_FLUSH_SECONDS = 60
    shanghai = ZoneInfo("Asia/Shanghai")
    article = make_article(publish_at=datetime.datetime(2026, 11, 1, tzinfo=shanghai))
    clock = {"now": datetime.datetime(2026, 11, 30, 23, 59, 58, tzinfo=shanghai)}  # 15:59:58 UTC
    monkeypatch.setattr(view_buffer.timezone, "now", lambda: clock["now"])
    monkeypatch.setattr(view_buffer.time, "time", lambda: clock["now"].timestamp())
    try:
        client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
        clock["now"] += datetime.timedelta(seconds=1)
        client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
        clock["now"] += datetime.timedelta(seconds=2)  # 00:00:01 on 1 December in Shanghai
        client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    finally:
        buffer.timer and buffer.timer.cancel()
        monkeypatch.undo()
        buffer.flush()
    days = dict(DailyViewCount.objects.filter(article=article).values_list("day", "total"))
    assert days == {datetime.date(2026, 11, 30): 2, datetime.date(2026, 12, 1): 1}
