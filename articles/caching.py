"""Cached pages that never outlive an editorial change or a scheduled go-live.

Every cache key includes the *content version*: a random token kept in the cache
(so all app nodes sharing Redis agree) together with the time the next scheduled
article goes live. Any editorial change deletes it (signals.py); reaching that
go-live time replaces it. Old entries are never read again and simply expire.
"""

import hashlib
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

STATE_KEY = "newsroom:content-version"


def content_version():
    state = cache.get(STATE_KEY)
    if state is None or (state["go_live"] is not None and timezone.now() >= state["go_live"]):
        from .models import Article

        state = {"version": uuid.uuid4().hex[:12], "go_live": Article.objects.next_go_live()}
        cache.set(STATE_KEY, state, None)
    return state["version"]


def purge():
    """Make every cached page and fragment stale at once."""
    cache.delete(STATE_KEY)


def proxy_cacheable(request, response):
    """Let a proxy or CDN keep a reader's page for NEWSROOM_PROXY_CACHE_SECONDS (0: browsers revalidate).

    Pages rendered for a logged-in user (staff previews of drafts) are private, never shared.
    """
    seconds = settings.NEWSROOM_PROXY_CACHE_SECONDS
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_cache=True)
    elif seconds:
        patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
    else:
        patch_cache_control(response, max_age=0, must_revalidate=True)
    return response


def page_cache_key(request):
    """The cache key of this page for a reader, or None when it must be rendered fresh (staff)."""
    if request.method not in {"GET", "HEAD"} or request.user.is_authenticated:
        return None
    path = f"{content_version()}:{request.LANGUAGE_CODE}:{request.get_full_path()}"
    return "newsroom:page:" + hashlib.sha256(path.encode()).hexdigest()


def cached_page(view):
    """Serve a reader's GET of a public page from the cache; staff always get a fresh page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        key = page_cache_key(request)
        if key is None:
            return proxy_cacheable(request, view(request, *args, **kwargs))
        content = caches["pages"].get(key)
        if content is not None:
            return proxy_cacheable(request, HttpResponse(content))
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            caches["pages"].set(key, response.content, settings.NEWSROOM_PAGE_CACHE_SECONDS)
        return proxy_cacheable(request, response)

    return wrapper
