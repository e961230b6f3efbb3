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

``FastPathApplication`` (what newsroom/wsgi.py hands gunicorn) asks the same question
before Django's handler runs at all: a complete page needs none of the handler's
request signals or the middleware in front of this one, which cost a cached hit more
than the rest of it (bench/instructions.py). It answers only what this middleware
would answer, through the same methods, with the same HTTPS redirect and conditional
GET; everything else, misses included, goes to Django as before.
"""

import functools
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.exception import response_for_exception
from django.core.handlers.wsgi import WSGIRequest, get_script_name
from django.middleware.http import ConditionalGetMiddleware
from django.middleware.locale import LocaleMiddleware
from django.middleware.security import SecurityMiddleware
from django.urls import Resolver404, get_resolver, set_script_prefix
from django.utils.translation import get_language

from . import pages


class CachedPageFastPath:
    def __init__(self, get_response):
        self.get_response = get_response
        self.locale = LocaleMiddleware(get_response)

    def __call__(self, request):
        response, key = self.answer(request)
        if response is not None:
            return response
        if key is None:
            return self.get_response(request)
        request.fast_path_key = key
        response = self.get_response(request)
        rendered = getattr(request, "page_to_complete", None)
        if rendered is not None and response.status_code == 200:
            pages.complete(key, rendered, response.headers)
        return response

    def answer(self, request):
        """(the complete cached page as a response, None) for a hit; (None, its cache key)
        for a cached page not yet complete here; (None, None) for anything else."""
        found = self._cached_page_view(request)
        if found is None:
            return None, None
        match, key = found
        page = pages.read_for(request, key)
        if page is not None and page.complete:
            return self._serve(request, match, page), key
        return None, key

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


class FastPathApplication:
    """The WSGI application: a session-less reader's complete cached page is served here,
    before Django's handler; any other request goes to ``application`` (Django's)."""

    def __init__(self, application):
        self.application = application
        self.pages = CachedPageFastPath(_never_called)
        # The middleware in front of CachedPageFastPath that can change its answer.
        self.security = SecurityMiddleware(_never_called)  # the HTTPS redirect; its headers
        self.conditional = ConditionalGetMiddleware(_never_called)  # 304 Not Modified
        # Where WhiteNoise's files are, as PATH_INFO shows it (settings.STATIC_URL is
        # worked out again on every read).
        self.static_path = urlsplit(settings.STATIC_URL).path or None

    def __call__(self, environ, start_response):
        if not self._may_be_cached_page(environ):
            return self.application(environ, start_response)
        set_script_prefix(get_script_name(environ))
        request = WSGIRequest(environ)
        try:
            response = self._cached_response(request)
        except Exception as error:  # as Django's handler would: logged, the site's error page
            response = response_for_exception(request, error)
        if response is None:
            return self.application(environ, start_response)
        # As Django's WSGIHandler answers; closing the response sends request_finished.
        start_response(
            f"{response.status_code} {response.reason_phrase}",
            [*response.items(), *(("Set-Cookie", c.output(header="")) for c in response.cookies.values())],
        )
        return response

    def _cached_response(self, request):
        """As the stack would answer: SecurityMiddleware, then ConditionalGet, then the fast path."""
        if self.security.process_request(request) is not None:  # Django redirects to HTTPS
            return None
        response, _ = self.pages.answer(request)
        if response is None:
            return None
        response = self.conditional.process_response(request, response)
        return self.security.process_response(request, response)

    def _may_be_cached_page(self, environ):
        """What can be told from the environ alone: a GET or HEAD without a body or a
        session cookie, not for a static file (WhiteNoise answers those in Django)."""
        return (
            environ.get("REQUEST_METHOD") in {"GET", "HEAD"}
            and environ.get("CONTENT_LENGTH", "0") in {"", "0"}
            and settings.SESSION_COOKIE_NAME not in environ.get("HTTP_COOKIE", "")
            and not (self.static_path and environ.get("PATH_INFO", "").startswith(self.static_path))
        )


def _never_called(request):
    raise AssertionError("only these middlewares' request and response hooks are used")


@functools.lru_cache(maxsize=2048)
def _resolve(path, resolver, language):
    """Django's resolve(), remembered: it walks every pattern (0.08 ms) for the same few
    thousand addresses. The language is part of the question: i18n URLs depend on it."""
    try:
        return resolver.resolve(path)
    except Resolver404:
        return None
