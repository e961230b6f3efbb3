from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .version import content_version, menu_version_seen


def site(request):
    return {
        "site_name": settings.NEWSROOM_SITE_NAME,
        # Lazy: only pages with cached fragments look the version up.
        "content_version": SimpleLazyObject(content_version),
        "menu_version": SimpleLazyObject(menu_version_seen),
        "page_cache_seconds": settings.NEWSROOM_PAGE_CACHE_SECONDS,
    }
