"""Sitemaps: an index at /sitemap.xml and one section per kind of page, on SITE_URL.

Django's index view takes its domain from the request's Host, so the index is built
here from the same sections and the configured address (see site_url.py).
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.template.response import TemplateResponse
from django.urls import reverse

from ..models import Article, Category
from . import site_url


class SiteSitemap(Sitemap):
    """A section whose addresses are on SITE_URL."""

    limit = 5000

    def get_domain(self, site=None):
        return site_url.domain()

    def get_protocol(self, protocol=None):
        return site_url.scheme()


class ArticleSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return Article.objects.published().only("pk", "slug", "updated_at").order_by("-pk")

    def lastmod(self, item):
        return item.updated_at


class CategorySitemap(SiteSitemap):
    changefreq = "daily"

    def items(self):
        return Category.objects.visible()


SECTIONS = {"articles": ArticleSitemap, "categories": CategorySitemap}


def index(request):
    """Every page of every section (5,000 addresses a page), with its newest change."""
    entries = []
    for name, section_class in SECTIONS.items():
        section = section_class()
        location = site_url.absolute(reverse("sitemap-section", kwargs={"section": name}))
        for page in section.paginator.page_range:
            address = location if page == 1 else f"{location}?p={page}"
            entries.append(SitemapIndexItem(address, section.get_latest_lastmod() if page == 1 else None))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
