"""What search engines may index: robots.txt, and the noindex mark for pages they may not.

Pages that echo a visitor's words (search) or show what is not public (previews)
are marked noindex, so a spammer cannot get a brand indexed under the site's domain.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .site_url import absolute

NOINDEX = "noindex, nofollow"


def noindex(response):
    """Mark ``response`` as not for search engines (the template adds the matching meta tag)."""
    response["X-Robots-Tag"] = NOINDEX
    return response


@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    disallowed = []
    for code, _name in settings.LANGUAGES:  # every language's prefix of each staff or echo page
        with translation.override(code):
            preview = reverse("articles:shared-preview", kwargs={"token": "-"}).removesuffix("-/")
            disallowed += [reverse("admin:index"), reverse("articles:search"), preview]
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallowed), ""]
    lines.append(f"Sitemap: {absolute(reverse('sitemap-index'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
