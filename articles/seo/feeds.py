from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from ..models import Article


class LatestArticlesFeed(Feed):
    title = _("Latest news")
    link = reverse_lazy("articles:home")
    description = _("The newest published articles.")

    def items(self):
        return Article.objects.published().for_listing()[:20]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description()

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at
