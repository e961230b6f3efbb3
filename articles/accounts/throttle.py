"""A cheap per-address limit on login attempts, checked before the password hash.

Each attempt costs a deliberately slow hash (PBKDF2, about a million rounds), so a few
requests a second would keep the server's cores busy; past the limit the answer is a
429 that costs one cache increment. django-axes then locks out repeated failures.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.urls import reverse

from ..delivery.audience import client_address

WINDOW_SECONDS = 60


def too_many_attempts(request):
    limit = settings.NEWSROOM_LOGIN_ATTEMPTS_PER_MINUTE
    if not limit:
        return False
    key = f"newsroom:login-attempts:{client_address(request)}:{int(time.time() // WINDOW_SECONDS)}"
    if cache.add(key, 1, WINDOW_SECONDS):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired in between
        return False


class LoginThrottleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path == reverse("admin:login") and too_many_attempts(request):
            return render(request, "429.html", status=429)
        return self.get_response(request)
