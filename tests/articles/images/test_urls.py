"""Media URLs are worked out once per name, except where they must not be kept."""

import itertools

from django.core.files.storage import default_storage
from django.test import override_settings

from articles.images.urls import media_url


class SigningStorage:
    """Stands for S3 with query-string auth: each URL carries a new, expiring signature."""

    querystring_auth = True

    def __init__(self):
        self.signatures = itertools.count(1)

    def url(self, name):
        return f"https://bucket.example/{name}?Signature={next(self.signatures)}"


def test_a_names_url_is_the_storages_own():
    assert media_url(default_storage, "images/2026/a b.webp") == default_storage.url("images/2026/a b.webp")
    assert media_url(default_storage, "images/2026/a b.webp") == "/media/images/2026/a%20b.webp"


def test_signed_urls_are_never_kept():
    storage = SigningStorage()
    assert media_url(storage, "x.webp") == "https://bucket.example/x.webp?Signature=1"
    assert media_url(storage, "x.webp") == "https://bucket.example/x.webp?Signature=2"


def test_a_change_of_settings_drops_the_kept_urls():
    assert media_url(default_storage, "y.webp") == "/media/y.webp"
    with override_settings(MEDIA_URL="/files/"):
        assert media_url(default_storage, "y.webp") == "/files/y.webp"
    assert media_url(default_storage, "y.webp") == "/media/y.webp"
