from django.conf import settings


def site(request):
    """What every reader page shows: the site's name (a setting, so tests may change it)."""
    return {"site_name": settings.NEWSROOM_SITE_NAME}
