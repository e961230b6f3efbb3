"""The readers' fast path: a cached public page answered before the rest of the stack runs.

A request without a session cookie cannot be staff (``audience.is_editorial``), so for
it a cached page needs none of sessions, CSRF, authentication, two-factor, messages or
the audit log. This middleware sits right after ConditionalGet (ETags and 304s still
apply) and, for a GET or HEAD of a page wrapped in ``cached_page``, serves the complete
cached page with the headers the whole stack gave it the first time, then runs the
page's ``finish`` (the article page counts the view and fills in the live count).

The language comes from Django's own LocaleMiddleware, and the key from
``pages.page_cache_key``: the fast path decides nothing the full stack would decide
differently. Anything else (a miss, a session, another method, an unknown address)
goes through the whole stack; a miss then stores the page with its final headers.
"""

import functools

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import Resolver404, get_resolver
from django.utils.translation import get_language

from . import pages


class CachedPageFastPath:
    def __init__(self, get_response):
        self.get_response = get_response
        self.locale = LocaleMiddleware(get_response)

    def __call__(self, request):
        found = self._cached_page_view(request)
        if found is None:
            return self.get_response(request)
        match, key = found
        page = pages.read(key)
        if page is not None and page.complete:
            return self._serve(request, match, page)
        request.fast_path_key = key
        response = self.get_response(request)
        rendered = getattr(request, "page_to_complete", None)
        if rendered is not None and response.status_code == 200:
            pages.complete(key, rendered, response.headers)
        return response

    def _cached_page_view(self, request):
        """(resolver match, cache key) when a session-less reader asks for a cached page."""
        if request.method not in {"GET", "HEAD"} or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        self.locale.process_request(request)  # request.LANGUAGE_CODE, and i18n URLs resolve
        resolver = get_resolver(getattr(request, "urlconf", None))  # new when URLs are reloaded
        match = _resolve(request.path_info, resolver, get_language())
        if match is None or not getattr(match.func, "cached_page", False):
            return None
        key = pages.page_cache_key(request)
        return (match, key) if key else None

    @staticmethod
    def _serve(request, match, page):
        finish = match.func.finish
        response = page.response(finish)
        if finish is not None:
            response = finish(request, response, *match.args, **match.kwargs)
        response["Content-Length"] = str(len(response.content))
        return response


@functools.lru_cache(maxsize=2048)
def _resolve(path, resolver, language):
    """Django's resolve(), remembered: it walks every pattern (0.08 ms) for the same few
    thousand addresses. The language is part of the question: i18n URLs depend on it."""
    try:
        return resolver.resolve(path)
    except Resolver404:
        return None
