"""Views batched per process and added to the database exactly.

Counts are written with UPDATE … SET total = total + n (never read-modify-write), so
no process loses another's views; ViewBuffer batches them per process.
"""

import atexit
import datetime
import logging
import threading
import time
from collections import Counter

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from ..models import Article, DailyViewCount, ViewCount

logger = logging.getLogger(__name__)


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
    """Add {(article id, day): views} to the totals and daily counts, in one transaction.

    If the database refuses the batch (an article deleted since it was read: the
    foreign keys are deferred, so this shows at COMMIT), it is written again without
    the articles that are gone, so one deletion never sinks everyone's views.
    """
    try:
        _write_all(counts)
    except IntegrityError:
        existing = set(Article.objects.filter(pk__in={pk for pk, _ in counts}).values_list("pk", flat=True))
        _write_all({key: views for key, views in counts.items() if key[0] in existing})


def _write_all(counts):
    with transaction.atomic():
        for (article_id, day), views in sorted(counts.items()):
            _increment(ViewCount, by=views, article_id=article_id)
            _increment(DailyViewCount, by=views, article_id=article_id, day=day)


def _midnight(day):
    """When ``day`` starts in the site's time zone, in epoch seconds."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time())).timestamp()


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
        self.day, self.day_starts, self.day_ends = None, 0.0, 0.0  # today(): the local date and its span
        atexit.register(self.flush)

    def add(self, article_id):
        interval = settings.NEWSROOM_VIEW_FLUSH_SECONDS
        if not interval:
            write_views({(article_id, timezone.localdate()): 1})
            self.known.pop(article_id, None)
            return
        with self.lock:
            self.pending[(article_id, self.today())] += 1
            self._schedule(interval)

    def today(self):
        """The site's local date, worked out again only when the day (in the site's time
        zone) is over: timezone.localdate() on every view was 3 % of a cached hit."""
        if not self.day_starts <= time.time() < self.day_ends:  # a new day, or the clock set back
            day = timezone.localdate()
            self.day, self.day_starts, self.day_ends = (
                day,
                _midnight(day),
                _midnight(day + datetime.timedelta(days=1)),
            )
        return self.day

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
            except IntegrityError:
                # Refused for good (not a passing outage): retrying would fail every
                # later flush too, so this batch is dropped and said so.
                logger.exception("Dropped %d views the database refused", sum(counts.values()))
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
