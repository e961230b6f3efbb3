from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .caching import content_version


def site(request):
    # Lazy: only pages with cached fragments look the version up.
    return {"site_name": settings.NEWSROOM_SITE_NAME, "content_version": SimpleLazyObject(content_version)}
