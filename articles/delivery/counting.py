"""Reader view counts (浏览次数): the one rule for what counts as a view, and the live count.

A view counts when a reader's browser GETs an article page as a document (or,
behind a caching proxy, its beacon image from a page of this site). Not counted:
HEAD and other methods, browser prefetches, the page loaded as an image, frame or
script by another site (Sec-Fetch-Dest), a beacon shown anywhere but on this site
(Sec-Fetch-Site, else Referer), known bots, crawlers and load tools (by User-Agent),
staff (``audience.is_editorial``: they may be previewing), and any address's views
of one article past NEWSROOM_VIEWS_PER_ADDRESS per hour, counted in the shared cache
so every worker and node agrees (one client cannot steer the popular lists).
With NEWSROOM_VIEW_WINDOW_SECONDS set, a browser counts once per article per window,
remembered in a signed cookie. Counts start at zero and only ever grow by real views.
"""

import re
import time

from django.conf import settings
from django.core.cache import cache

from ..seo.site_url import absolute
from . import pages
from .audience import client_address, is_editorial
from .view_buffer import buffer

BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|baiduspider|yandex|sogou|bingpreview|facebookexternalhit|"
    r"headless|python-requests|python-urllib|curl|wget|httpclient|monitor|preview|scanner|lighthouse|"
    r"apachebench|\bwrk\b|siege|jmeter|locust|go-http-client|okhttp",
    re.IGNORECASE,
)
SEEN_COOKIE, SEEN_SALT, SEEN_MAX_ENTRIES = (
    "nr_seen",
    "articles.counting",
    50,
)  # salt kept: cookies already set


CAP_WINDOW_SECONDS = 3600


def counts_as_view(request, beacon=False):
    # Headers are read from META (HTTP_…): request.headers would copy every header of
    # the request into a new mapping first, on every cached hit of an article page.
    # Through a name, since django-upgrade rewrites request.META.get("HTTP_…") back.
    if request.method != "GET":
        return False
    meta = request.META
    purpose = meta.get("HTTP_SEC_PURPOSE", "") + meta.get("HTTP_PURPOSE", "")
    if "prefetch" in purpose.lower():
        return False
    if BOT_USER_AGENT.search(meta.get("HTTP_USER_AGENT", "")):
        return False
    if not (_shown_on_this_site(request) if beacon else _opened_as_page(request)):
        return False
    return not is_editorial(request)


def _opened_as_page(request):
    """Browsers since 2020 say what a response is for; older ones say nothing and count."""
    meta = request.META  # as in counts_as_view (django-upgrade would rewrite request.META.get)
    return meta.get("HTTP_SEC_FETCH_DEST", "document") == "document"


def _shown_on_this_site(request):
    """The beacon counts only as an image on this site's own page: Sec-Fetch-Site where the
    browser sends it, else a Referer on SITE_URL (sent same-origin by the referrer policy)."""
    meta = request.META
    site = meta.get("HTTP_SEC_FETCH_SITE")
    if site is not None:
        return site == "same-origin"
    return meta.get("HTTP_REFERER", "").startswith(absolute("/"))


def _under_address_cap(article_id, request):
    """At most NEWSROOM_VIEWS_PER_ADDRESS views of an article per address per hour (0: no cap)."""
    cap = settings.NEWSROOM_VIEWS_PER_ADDRESS
    if not cap:
        return True
    bucket = int(time.time() // CAP_WINDOW_SECONDS)
    key = f"newsroom:views-from:{client_address(request)}:{article_id}:{bucket}"
    try:
        seen = cache.incr(key)
    except ValueError:  # the first view in this window
        if cache.add(key, 1, CAP_WINDOW_SECONDS):
            return True
        seen = cache.incr(key)
    return seen <= cap


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

    def __init__(self, request, article_id, beacon=False):
        self.window = settings.NEWSROOM_VIEW_WINDOW_SECONDS
        self.seen = None
        self.counted = counts_as_view(request, beacon)
        if self.counted and self.window:
            self.seen = _seen(request)
            self.counted = article_id not in self.seen
        if self.counted:
            self.counted = _under_address_cap(article_id, request)
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
    total = str(buffer.total(pk))  # after counting: the reader sees their own view
    pages.fill(response, VIEW_COUNT_SLOT, total)
    return counter.finish(response) if counter else response
