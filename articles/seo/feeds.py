"""The RSS feed. Feed readers treat titles and descriptions as HTML, so both are escaped
(as Django's own default item title is), and characters XML cannot carry are dropped."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from ..integrity.text import xml_safe
from ..models import Article
from .site_url import absolute


class LatestArticlesFeed(Feed):
    title = _("Latest news")
    description = _("The newest published articles.")

    def link(self):
        return absolute(reverse("articles:home"))

    def feed_url(self):
        return absolute(reverse("articles:feed"))

    def items(self):
        return Article.objects.published().for_listing()[:20]

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_title(self, item):
        return escape(xml_safe(item.title))

    def item_description(self, item):
        return escape(xml_safe(item.description()))

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at
