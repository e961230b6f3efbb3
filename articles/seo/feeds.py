"""RSS and Atom feeds: the whole site, each category (with its subcategories) and each tag.

Feed readers treat titles and descriptions as HTML, so both are escaped (as Django's own
default item title is) and characters XML cannot carry are dropped. Every address is on
SITE_URL. Items carry their category and tags, publish and update times, the author's
display name and the cover image as an enclosure.
"""

import mimetypes

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from ..integrity.text import xml_safe
from ..models import Article, Category
from .site_url import absolute, absolute_file

ITEMS = 20


class ArticleFeed(Feed):
    """What every feed's items share; subclasses say which articles and what the feed is."""

    routes = ("articles:feed", "articles:atom")  # RSS, Atom

    def feed_url(self, obj=None):
        name = self.routes[self.feed_type is Atom1Feed]
        return absolute(reverse(name, kwargs={"slug": obj.slug} if obj is not None else None))

    def items(self, obj=None):
        newest = self.articles(obj).order_by("-publish_at", "-pk")
        return newest.select_related("category", "cover", "author").prefetch_related("tags")[:ITEMS]

    def articles(self, obj):
        return Article.objects.published()

    def link(self, obj=None):
        return absolute(obj.get_absolute_url() if obj is not None else reverse("articles:home"))

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_guid(self, item):
        return absolute(reverse("articles:article-short", kwargs={"pk": item.pk}))

    def item_title(self, item):
        return escape(xml_safe(item.title))

    def item_description(self, item):
        return escape(xml_safe(item.description()))

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return (item.author.get_full_name() if item.author else "") or None  # display names only

    def item_categories(self, item):
        return [xml_safe(item.category.name), *(xml_safe(tag.name) for tag in item.tags.all())]

    def item_enclosure_url(self, item):
        return absolute_file(item.cover.file) if item.cover else None

    def item_enclosure_length(self, item):
        return item.cover.file_size if item.cover else None

    def item_enclosure_mime_type(self, item):
        return mimetypes.guess_type(item.cover.file.name)[0] if item.cover else None


class LatestArticlesFeed(ArticleFeed):
    title = _("Latest news")
    description = _("The newest published articles.")


class CategoryFeed(ArticleFeed):
    routes = ("articles:category-feed", "articles:category-atom")

    def get_object(self, request, slug):
        return get_object_or_404(Category.objects.visible(), slug=slug)

    def articles(self, category):
        return Article.objects.published().in_categories(category.descendant_ids())

    def title(self, category):
        return xml_safe(category.name)

    def description(self, category):
        return _("The newest articles in %(name)s.") % {"name": xml_safe(category.name)}


class TagFeed(ArticleFeed):
    routes = ("articles:tag-feed", "articles:tag-atom")

    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        if not Article.objects.published().filter(tags=tag).exists():
            raise Http404("No published article carries this tag.")
        return tag

    def link(self, tag):
        return absolute(reverse("articles:tag", kwargs={"slug": tag.slug}))

    def articles(self, tag):
        return Article.objects.published().filter(tags=tag)

    def title(self, tag):
        return xml_safe(tag.name)

    def description(self, tag):
        return _("The newest articles tagged %(name)s.") % {"name": xml_safe(tag.name)}


def atom(feed_class):
    """The same feed in Atom."""
    return type(
        f"Atom{feed_class.__name__}",
        (feed_class,),
        {"feed_type": Atom1Feed, "subtitle": feed_class.description},
    )
