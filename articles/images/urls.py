"""Media URLs worked out once per file name and storage.

Django's storages build each URL afresh (FileSystemStorage: urljoin, about 20 µs), and
an article page with four figures asks for fifty (each rendition, in WebP and the
original format). A name's URL does not change while the settings do not, unless the
storage signs its URLs (S3 with query-string auth: they expire), which are never kept.
"""

from django.core.signals import setting_changed
from django.dispatch import receiver

MAX_KEPT = 10_000  # names per storage; then it starts again
_generation = 0  # moved on by any change of settings (tests): every kept URL is dropped


def media_url(storage, name):
    if getattr(storage, "querystring_auth", False):
        return storage.url(name)
    kept = getattr(storage, "newsroom_urls", None)  # on the storage itself: a new storage keeps none
    if kept is None or kept[0] != _generation or len(kept[1]) >= MAX_KEPT:
        kept = (_generation, {})
        storage.newsroom_urls = kept
    url = kept[1].get(name)
    if url is None:
        url = kept[1][name] = storage.url(name)
    return url


@receiver(setting_changed)
def _forget(**kwargs):
    global _generation
    _generation += 1
