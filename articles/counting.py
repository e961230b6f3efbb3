"""Reader view counts (浏览次数): which requests count, and an exact increment.

A view counts when a reader GETs an article page (or, behind a caching proxy, its
beacon image). Not counted: HEAD and other methods, browser prefetches, known bots
and crawlers (by User-Agent), and staff (who may be previewing). With
NEWSROOM_VIEW_WINDOW_SECONDS set, a browser counts once per article per window,
remembered in a signed cookie (not by IP: many readers share one address).
Counts start at zero and only ever grow by real views. They are written with
UPDATE … SET total = total + n (never read-modify-write), so no process loses
another's views; ViewBuffer batches them per process.
"""

import atexit
import re
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import DailyViewCount, ViewCount

BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|baiduspider|yandex|sogou|bingpreview|facebookexternalhit|"
    r"headless|python-requests|python-urllib|curl|wget|httpclient|monitor|preview|scanner|lighthouse",
    re.IGNORECASE,
)
SEEN_COOKIE, SEEN_SALT, SEEN_MAX_ENTRIES = "nr_seen", "articles.counting", 50


def counts_as_view(request):
    if request.method != "GET":
        return False
    purpose = request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", "")
    if "prefetch" in purpose.lower():
        return False
    if BOT_USER_AGENT.search(request.headers.get("User-Agent", "")):
        return False
    return not (request.user.is_authenticated and request.user.is_staff)


def _increment(model, by=1, **key):
    """Add ``by`` to ``model.total`` for the row ``key``, creating it; never read-modify-write."""
    if model.objects.filter(**key).update(total=F("total") + by):
        return
    try:
        with transaction.atomic():
            model.objects.create(total=by, **key)
    except IntegrityError:  # another process created it first
        model.objects.filter(**key).update(total=F("total") + by)


def write_views(counts):
    """Add {(article id, day): views} to the totals and daily counts, in one transaction."""
    with transaction.atomic():
        for (article_id, day), views in sorted(counts.items()):
            _increment(ViewCount, by=views, article_id=article_id)
            _increment(DailyViewCount, by=views, article_id=article_id, day=day)


class ViewBuffer:
    """Views held in this process and written every NEWSROOM_VIEW_FLUSH_SECONDS (0: at once).

    One write a second per worker instead of one per view. What a reader sees is the
    database total (re-read at most every few seconds) plus this process's pending
    views. A worker killed outright loses at most its last interval's views; a normal
    stop or restart writes them first (atexit).
    """

    def __init__(self):
        self.lock = threading.Lock()  # guards pending and timer
        # One flush at a time: flush() returns once every view it took is written.
        self.writing = threading.Lock()
        self.pending = Counter()
        self.known = {}  # article id -> (database total, when read)
        self.timer = None
        atexit.register(self.flush)

    def add(self, article_id):
        interval = settings.NEWSROOM_VIEW_FLUSH_SECONDS
        if not interval:
            write_views({(article_id, timezone.localdate()): 1})
            self.known.pop(article_id, None)
            return
        with self.lock:
            self.pending[(article_id, timezone.localdate())] += 1
            self._schedule(interval)

    def _schedule(self, interval):
        """Start the flush timer unless one is waiting; call with the lock held."""
        if self.timer is None:
            self.timer = threading.Timer(interval, self._flush_in_thread)
            self.timer.daemon = True
            self.timer.start()

    def total(self, article_id):
        """The article's views as this process knows them: written ones plus its pending ones."""
        now = time.monotonic()
        known = self.known.get(article_id)
        if known is None or now - known[1] > max(5 * settings.NEWSROOM_VIEW_FLUSH_SECONDS, 1):
            stored = ViewCount.objects.filter(pk=article_id).values_list("total", flat=True).first() or 0
            known = self.known[article_id] = (stored, now)
        with self.lock:
            pending = sum(n for (pk, _), n in self.pending.items() if pk == article_id)
        return known[0] + pending

    def flush(self):
        with self.writing:
            with self.lock:
                counts, self.pending = self.pending, Counter()
                self.timer = None
            if not counts:
                return
            try:
                write_views(counts)
            except Exception:
                with self.lock:  # keep them for the next try rather than lose them
                    self.pending.update(counts)
                    self._schedule(max(settings.NEWSROOM_VIEW_FLUSH_SECONDS, 1))
                raise
            for article_id, _ in counts:
                self.known.pop(article_id, None)

    def _flush_in_thread(self):
        try:
            self.flush()
        finally:
            connection.close()  # this thread's own connection


buffer = ViewBuffer()


def _seen(request):
    """{article id: expiry} from the signed cookie; anything malformed counts as nothing seen."""
    raw = request.get_signed_cookie(SEEN_COOKIE, default="", salt=SEEN_SALT)
    now, seen = time.time(), {}
    for entry in raw.split("|"):
        article_id, _, expiry = entry.partition(":")
        if article_id.isdigit() and expiry.isdigit() and int(expiry) > now:
            seen[int(article_id)] = int(expiry)
    return seen


class ViewCounter:
    """Counts a reader's view of one article; ``finish`` adds the cookie a window needs."""

    def __init__(self, request, article_id):
        self.window = settings.NEWSROOM_VIEW_WINDOW_SECONDS
        self.seen = None
        self.counted = counts_as_view(request)
        if self.counted and self.window:
            self.seen = _seen(request)
            self.counted = article_id not in self.seen
        if self.counted:
            buffer.add(article_id)
            if self.seen is not None:
                self.seen[article_id] = int(time.time()) + self.window

    def finish(self, response):
        if self.counted and self.seen is not None:
            newest = sorted(self.seen.items(), key=lambda item: item[1])[-SEEN_MAX_ENTRIES:]
            value = "|".join(f"{pk}:{expiry}" for pk, expiry in newest)
            response.set_signed_cookie(
                SEEN_COOKIE,
                value,
                salt=SEEN_SALT,
                max_age=self.window,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
