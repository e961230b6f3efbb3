"""Reader view counts (浏览次数): the one rule for what counts as a view, and the live count.

A view counts when a reader GETs an article page (or, behind a caching proxy, its
beacon image). Not counted: HEAD and other methods, browser prefetches, known bots
and crawlers (by User-Agent), and staff (``audience.is_editorial``: they may be
previewing). With NEWSROOM_VIEW_WINDOW_SECONDS set, a browser counts once per
article per window, remembered in a signed cookie (not by IP: many readers share one
address). Counts start at zero and only ever grow by real views (view_buffer.py).
"""

import re
import time

from django.conf import settings

from .audience import is_editorial
from .view_buffer import buffer

BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|baiduspider|yandex|sogou|bingpreview|facebookexternalhit|"
    r"headless|python-requests|python-urllib|curl|wget|httpclient|monitor|preview|scanner|lighthouse",
    re.IGNORECASE,
)
SEEN_COOKIE, SEEN_SALT, SEEN_MAX_ENTRIES = (
    "nr_seen",
    "articles.counting",
    50,
)  # salt kept: cookies already set


def counts_as_view(request):
    if request.method != "GET":
        return False
    purpose = request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", "")
    if "prefetch" in purpose.lower():
        return False
    if BOT_USER_AGENT.search(request.headers.get("User-Agent", "")):
        return False
    return not is_editorial(request)


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


# Cached article pages hold this slot; each response gets the live count in its place.
VIEW_COUNT_SLOT = "__NEWSROOM_VIEW_COUNT__"


def count_and_show_views(request, response, pk, slug=None):
    """For ``cached_page(finish=…)``: count a reader's view of article ``pk`` and show the live total.

    Behind a caching proxy the page is not counted itself: its beacon image is.
    """
    if response.status_code != 200:
        return response
    counter = None if settings.NEWSROOM_PROXY_CACHE_SECONDS else ViewCounter(request, pk)
    total = str(buffer.total(pk)).encode()  # after counting: the reader sees their own view
    response.content = response.content.replace(VIEW_COUNT_SLOT.encode(), total, 1)
    return counter.finish(response) if counter else response
