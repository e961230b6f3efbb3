"""Sitemaps: an index at /sitemap.xml, a section per kind of page, and a Google News sitemap.

Django's index view takes its domain from the request's Host, so the index is built
here from the same sections and the configured address (see site_url.py). Every page
is listed in each language with hreflang alternates; article entries list their
images (cover and figures); the news sitemap lists the last 48 hours' articles.
"""

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from ..models import Article, Category
from . import site_url

NEWS_HOURS = 48


class SiteSitemap(Sitemap):
    """A section whose addresses are on SITE_URL."""

    limit = 5000
    i18n = True
    alternates = True
    x_default = True

    def get_domain(self, site=None):
        return site_url.domain()

    def get_protocol(self, protocol=None):
        return site_url.scheme()


class ArticleSitemap(SiteSitemap):
    changefreq = "weekly"
    limit = 2500  # two languages: 5,000 addresses a page

    def items(self):
        return (
            Article.objects.published()
            .only("pk", "slug", "updated_at", "cover__file")
            .select_related("cover")
            .prefetch_related("figures__image")
            .order_by("-pk")
        )

    def lastmod(self, item):
        return item.updated_at

    def get_urls(self, *args, **kwargs):
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            article = url["item"][0] if isinstance(url["item"], tuple) else url["item"]  # (item, language)
            files = [article.cover.file] if article.cover else []
            files += [f.image.file for f in article.figures.all()]
            url["images"] = [site_url.absolute_file(file) for file in files]
        return urls


class CategorySitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return Category.objects.visible()


class TagSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        live = Article.objects.published()
        return (
            Tag.objects.filter(taggit_taggeditem_items__object_id__in=live.values("pk"))
            .annotate(newest=Max("taggit_taggeditem_items__object_id"))
            .order_by("name")
        )

    def location(self, tag):
        return reverse("articles:tag", kwargs={"slug": tag.slug})


SECTIONS = {"articles": ArticleSitemap, "categories": CategorySitemap, "tags": TagSitemap}


def news(request):
    """Google News sitemap: articles published in the last 48 hours."""
    since = timezone.now() - datetime.timedelta(hours=NEWS_HOURS)
    articles = Article.objects.published().filter(publish_at__gte=since).order_by("-publish_at")[:1000]
    language = "zh-cn" if settings.LANGUAGE_CODE.startswith("zh") else settings.LANGUAGE_CODE
    context = {
        "articles": [
            (
                site_url.absolute(a.get_absolute_url()),
                a,
                timezone.localtime(a.publish_at).replace(microsecond=0).isoformat(),
            )
            for a in articles
        ],
        "publication": settings.NEWSROOM_SITE_NAME,
        "language": language,
    }
    return TemplateResponse(request, "sitemaps/news.xml", context, content_type="application/xml")


def index(request):
    """Every page of every section (5,000 addresses a page), with its newest change."""
    entries = []
    for name, section_class in SECTIONS.items():
        section = section_class()
        location = site_url.absolute(reverse("sitemap-section", kwargs={"section": name}))
        for page in section.paginator.page_range:
            address = location if page == 1 else f"{location}?p={page}"
            entries.append(SitemapIndexItem(address, section.get_latest_lastmod() if page == 1 else None))
    entries.append(SitemapIndexItem(site_url.absolute(reverse("sitemap-news")), None))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
