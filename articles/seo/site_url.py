"""Absolute addresses, built from NEWSROOM_SITE_URL and never from the request.

A page cached for every reader must not carry a Host header someone forged.
"""

from urllib.parse import urlsplit

from django.conf import settings

from ..images.urls import media_url


def absolute(path):
    """``path`` (from ``reverse()`` or ``get_absolute_url()``) on the configured site."""
    return settings.NEWSROOM_SITE_URL + path


def scheme():
    return urlsplit(settings.NEWSROOM_SITE_URL).scheme


def domain():
    """Host and port, as the sitemaps framework wants it."""
    return urlsplit(settings.NEWSROOM_SITE_URL).netloc


def absolute_file(fieldfile):
    """A stored file's address for other sites to fetch (share cards, feeds, sitemaps):
    the storage's own when that is already absolute (S3, a CDN's MEDIA_URL), else on the
    configured site."""
    url = media_url(fieldfile.storage, fieldfile.name)
    return url if urlsplit(url).scheme else absolute(url)
