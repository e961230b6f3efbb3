"""The page cache: one key rule, one decorator, one set of proxy headers.

A reader's GET of a public page is rendered once per content version and served
from the ``pages`` cache after that. Only the query parameters that change a page
enter its key, so ``/?x=1``, ``/?x=2`` … are all the home page, not new entries.
"""

import hashlib
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from .audience import is_editorial
from .version import content_version

# Headers a page sets for itself that must come back with it from the cache.
KEPT_HEADERS = ("Content-Type", "X-Robots-Tag")
# The only query parameters any public page reads: pagination (p: sitemaps), search text and order.
PAGE_PARAMETERS = ("order", "p", "page", "q")


def page_cache_key(request):
    """The cache key of this page for a reader, or None when it must be rendered fresh."""
    if request.method not in {"GET", "HEAD"} or is_editorial(request):
        return None
    query = urlencode([(name, value) for name in PAGE_PARAMETERS for value in request.GET.getlist(name)])
    page = f"{content_version()}:{request.LANGUAGE_CODE}:{request.path}?{query}"
    return "newsroom:page:" + hashlib.sha256(page.encode()).hexdigest()


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
        cached = caches["pages"].get(key) if key else None
        if cached is not None:
            headers, content = cached
            response = HttpResponse(content, headers=headers)
        else:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):  # a TemplateResponse (sitemaps)
                response.render()
            if key and response.status_code == 200 and not response.streaming:
                cached = (
                    {name: response[name] for name in KEPT_HEADERS if response.has_header(name)},
                    response.content,
                )
                caches["pages"].set(key, cached, getattr(settings, lifetime))
        if finish is not None:
            response = finish(request, response, *args, **kwargs)
        return proxy_cacheable(request, response)

    return wrapper
