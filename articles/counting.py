"""Reader view counts (浏览次数): which requests count, and an exact increment.

A view counts when a reader GETs an article page (or, behind a caching proxy, its
beacon image). Not counted: HEAD and other methods, browser prefetches, known bots
and crawlers (by User-Agent), and staff (who may be previewing). With
NEWSROOM_VIEW_WINDOW_SECONDS set, a browser counts once per article per window,
remembered in a signed cookie (not by IP: many readers share one address).
Counts start at zero and only ever grow by real views; each is written at once
with an UPDATE … SET total = total + 1, so none is lost between processes.
"""

import re
import time

from django.conf import settings
from django.db import IntegrityError, transaction
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


def _increment(model, **key):
    """Add one to ``model.total`` for the row ``key``, creating it at 1; never read-modify-write."""
    if model.objects.filter(**key).update(total=F("total") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(total=1, **key)
    except IntegrityError:  # another request created it first
        model.objects.filter(**key).update(total=F("total") + 1)


def record_view(article_id):
    with transaction.atomic():
        _increment(ViewCount, article_id=article_id)
        _increment(DailyViewCount, article_id=article_id, day=timezone.localdate())


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
            record_view(article_id)
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
