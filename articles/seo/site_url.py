"""Absolute addresses, built from NEWSROOM_SITE_URL and never from the request.

A page cached for every reader must not carry a Host header someone forged.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute(path):
    """``path`` (from ``reverse()`` or ``get_absolute_url()``) on the configured site."""
    return settings.NEWSROOM_SITE_URL + path


def scheme():
    return urlsplit(settings.NEWSROOM_SITE_URL).scheme


def domain():
    """Host and port, as the sitemaps framework wants it."""
    return urlsplit(settings.NEWSROOM_SITE_URL).netloc
