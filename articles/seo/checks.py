"""A deployment check: absolute links go to the site readers use (see site_url.py)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.http.request import validate_host


@register(Tags.security, deploy=True)
def site_url_matches_deployment(app_configs, **kwargs):
    parts = urlsplit(settings.NEWSROOM_SITE_URL)
    problems = []
    if settings.HTTPS and parts.scheme != "https":
        problems.append("SITE_URL should start with https:// when HTTPS=1.")
    if not validate_host(parts.hostname or "", settings.ALLOWED_HOSTS):
        problems.append("SITE_URL's host is not in ALLOWED_HOSTS.")
    return [
        Warning(
            problem,
            hint="Set SITE_URL to the address readers use, e.g. https://news.example.cn",
            id="newsroom.W001",
        )
        for problem in problems
    ]
