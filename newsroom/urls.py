from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.static import serve

from articles.delivery.pages import cached_page
from articles.seo import robots, sitemaps

from . import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", robots.robots_txt, name="robots-txt"),
    path("sitemap.xml", cached_page(sitemaps.index), name="sitemap-index"),
    path("sitemap-news.xml", cached_page(sitemaps.news), name="sitemap-news"),
    path(
        "sitemap-<slug:section>.xml",
        cached_page(sitemap),
        {"sitemaps": sitemaps.SECTIONS},
        name="sitemap-section",
    ),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("articles.urls")),
    prefix_default_language=False,
)
if settings.SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(
            rf"^{media_prefix}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
