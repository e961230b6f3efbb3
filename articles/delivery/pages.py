"""The page cache: one key rule, one decorator, one set of proxy headers.

A reader's GET of a public page is rendered once per content version and served
from the ``pages`` cache after that. Only the query parameters that change a page
enter its key, so ``/?x=1``, ``/?x=2`` … are all the home page, not new entries.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import quote_etag

from .audience import is_editorial
from .version import content_version

# Headers a page sets for itself that must come back with it from the cache.
KEPT_HEADERS = ("Content-Type", "X-Robots-Tag")
# The only query parameters any public page reads: pagination (p: sitemaps), search text and order.
PAGE_PARAMETERS = ("order", "p", "page", "q")
# Never replayed: the length changes with the live count filled in; cookies are per reader.
UNREPLAYED_HEADERS = {"Content-Length", "Set-Cookie", "ETag"}


@dataclass(frozen=True)
class CachedPage:
    """A rendered page as every worker and node serves it until ``expires_at`` (epoch seconds).

    ``complete`` pages carry every header the whole middleware stack added (security,
    framing, CSP, Vary, language), so the fast path may answer with them alone.
    """

    headers: dict
    content: bytes
    expires_at: float
    etag: str  # of ``content`` as stored (body_etag): worked out once, not on every hit
    complete: bool = False

    def response(self, finish=None):
        """The page as a response, with its ETag (``label``)."""
        return self.label(HttpResponse(self.content, headers=self.headers), finish)

    def label(self, response, finish=None):
        """Give ``response`` (this page's content) its ETag, so ConditionalGetMiddleware does
        not hash the body. ``finish`` will fill slots in the body: ``fill`` then sets it."""
        if finish is None:
            if self.etag:  # "" in pages stored by an earlier release
                response["ETag"] = self.etag
        else:
            response.stored_etag = self.etag
        return response


def body_etag(content):
    return quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest())


def fill(response, slot, value):
    """Put ``value`` (a live figure) in place of ``slot`` in a cached page. The ETag is the
    stored page's with the value added, so it changes exactly when the body does and no
    hit hashes the body (MD5 of a 25 KB article page: 44 µs). A page rendered for staff
    is never stored and has none: ConditionalGetMiddleware hashes that one."""
    response.content = response.content.replace(slot.encode(), value.encode(), 1)
    stored = getattr(response, "stored_etag", "")
    if stored:
        response.stored_etag = f'{stored[:-1]}-{value}"'  # "5d41…" becomes "5d41…-1234"
        response["ETag"] = response.stored_etag


class WorkerMemory:
    """The newest pages this worker served, in front of the shared cache.

    Keys carry the content version and each entry keeps the expiry it was rendered
    with, so a page here is exactly the one the shared cache holds: every worker
    gives the same answer, only without reading and unpickling it each time.
    """

    def __init__(self, max_bytes):
        self.max_bytes, self.size = max_bytes, 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            page = self.entries.get(key)
            if page is None:
                return None
            if page.expires_at <= time.time():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return page

    def put(self, key, page):
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = page
            self.size += len(page.content)
            while self.size > self.max_bytes and self.entries:
                self._drop(next(iter(self.entries)))

    def _drop(self, key):
        self.size -= len(self.entries.pop(key).content)

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


memory = WorkerMemory(settings.NEWSROOM_PAGE_MEMORY_BYTES)


def read(key):
    """The cached page under ``key``: from this worker's memory, else the shared cache."""
    page = memory.get(key)
    if page is None:
        page = caches["pages"].get(key)
        if page is not None and page.complete:
            memory.put(key, page)
    return page


class LookedUp:
    """What one request found under its page's key: kept in the WSGI environ, so the WSGI
    application, the fast-path middleware and the view's decorator ask the cache once."""

    __slots__ = ("key", "page")

    def __init__(self, key, page):
        self.key, self.page = key, page

    def __repr__(self):  # environ shows up in error reports: not the page's bytes
        return f"<page cache {'hit' if self.page else 'miss'}>"


def read_for(request, key):
    """read(key), asked once per request however many layers ask."""
    looked_up = request.META.get("newsroom.page_looked_up")
    if looked_up is None or looked_up.key != key:
        looked_up = request.META["newsroom.page_looked_up"] = LookedUp(key, read(key))
    return looked_up.page


def write(key, page):
    seconds = page.expires_at - time.time()
    if seconds > 0:
        caches["pages"].set(key, page, seconds)
        if page.complete:
            memory.put(key, page)


def complete(key, page, headers):
    """Store ``page`` again with the headers the whole stack gave it (called by the fast path)."""
    replayed = {name: value for name, value in headers.items() if name not in UNREPLAYED_HEADERS}
    write(key, CachedPage(replayed, page.content, page.expires_at, page.etag, complete=True))


def page_cache_key(request):
    """The cache key of this page for a reader, or None when it must be rendered fresh."""
    if request.method not in {"GET", "HEAD"} or is_editorial(request):
        return None
    query = (
        urlencode([(name, value) for name in PAGE_PARAMETERS for value in request.GET.getlist(name)])
        if request.META.get("QUERY_STRING")
        else ""  # most hits: no query string to parse
    )
    page = f"{content_version()}:{request.LANGUAGE_CODE}:{request.path}?{query}"
    return "newsroom:pages:" + hashlib.sha256(page.encode()).hexdigest()


def proxy_cacheable(request, response):
    """Let a proxy or CDN keep a reader's page for NEWSROOM_PROXY_CACHE_SECONDS (0: browsers revalidate).

    Pages rendered for staff (previews of drafts) are private and never stored.
    """
    seconds = settings.NEWSROOM_PROXY_CACHE_SECONDS
    if is_editorial(request):
        patch_cache_control(response, private=True, no_store=True)
    elif seconds:
        patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
    else:
        patch_cache_control(response, max_age=0, must_revalidate=True)
    return response


def cached_page(view=None, *, finish=None, lifetime="NEWSROOM_PAGE_CACHE_SECONDS"):
    """Serve a reader's GET of a public page from the cache; staff always get a fresh page.

    ``finish(request, response, *args, **kwargs)`` runs on every response, cached or
    fresh: the article page uses it to count the view and fill in the live count.
    ``lifetime`` names the setting that bounds the page's age (the most-viewed lists
    make home and category pages go stale by the clock, not by edits).
    """
    if view is None:
        return lambda view: cached_page(view, finish=finish, lifetime=lifetime)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        key = page_cache_key(request)
        page = read_for(request, key) if key else None
        if page is not None:
            response = page.response(finish)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):  # a TemplateResponse (sitemaps)
                response.render()
            if key and response.status_code == 200 and not response.streaming:
                page = CachedPage(
                    {name: response[name] for name in KEPT_HEADERS if response.has_header(name)},
                    response.content,
                    time.time() + getattr(settings, lifetime),
                    body_etag(response.content),
                )
                page.label(response, finish)
                if getattr(request, "fast_path_key", None) != key:
                    write(key, page)  # else the fast path stores it, with its final headers
        if page is not None and not page.complete:
            request.page_to_complete = page
        if finish is not None:
            response = finish(request, response, *args, **kwargs)
        return proxy_cacheable(request, response)

    wrapper.cached_page = True  # the fast path answers for it
    wrapper.finish = finish
    return wrapper
