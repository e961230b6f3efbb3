"""The listing pages' reads, prepared (prepared.py): the placements, the newest, each
section's newest, the most-viewed lists and the paged listings of a category or tag,
each the queryset method that defines it run with Slots where the clock and the ids go."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from taggit.models import TaggedItem

from .articles import Article
from .prepared import CompiledCount, PreparedShapes, Slot, slot_values, slots


def _now():
    return Slot("now", models.DateTimeField())


def _published():
    return Article.objects.published(_now())


def _categories(count):
    """None (the whole site) or ``count`` category id Slots."""
    return None if count is None else slots("category", count)


# shape: (placement kind, number of category ids or None, how many)
PLACED = PreparedShapes(
    Article,
    lambda shape: (
        _published()
        .placed(shape[0], _categories(shape[1]), now=_now())
        .select_related("cover")
        .categories_from_tree()[: shape[2]]
    ),
)
LATEST = PreparedShapes(Article, lambda count: _published().for_listing()[:count])
# shape: (number of category ids, how many of each)
NEWEST_IN_CATEGORIES = PreparedShapes(
    Article,
    lambda shape: _published().newest_in_categories(slots("category", shape[0]), shape[1]).for_listing(),
)
# shape: (days or None for all time, number of category ids or None, how many)
MOST_VIEWED = PreparedShapes(
    Article,
    lambda shape: _published().most_viewed(
        shape[0], _categories(shape[1]), since=Slot("since", models.DateField())
    )[: shape[2]],
)


def placed(kind, category_ids=None, count=None):
    """Article.objects.published().placed(kind, category_ids)[:count], as a list."""
    ids = None if category_ids is None else list(category_ids)
    shape = (kind, None if ids is None else len(ids), count)
    return PLACED(shape, now=timezone.now(), **slot_values("category", ids or ()))


def latest(count):
    """The newest ``count`` published articles, as list cards show them."""
    return LATEST(count, now=timezone.now())


def newest_in_categories(category_ids, count):
    """Published articles in ``category_ids``, each category's newest ``count``, newest first."""
    ids = list(category_ids)
    return NEWEST_IN_CATEGORIES((len(ids), count), now=timezone.now(), **slot_values("category", ids))


def most_viewed(days, category_ids, count):
    """Article.objects.published().most_viewed(days, category_ids)[:count], as a list."""
    ids = None if category_ids is None else list(category_ids)
    since = timezone.localdate() - datetime.timedelta(days=days or 0)
    values = slot_values("category", ids or ())
    return MOST_VIEWED(
        (days, None if ids is None else len(ids), count), now=timezone.now(), since=since, **values
    )


# A paged listing's counts up to this many rows, and its slices within the first
# PREPARED_ROWS, run prepared. LIMIT and OFFSET are part of the SQL, so each deeper page
# would be a shape of its own: those run as plain querysets.
PREPARED_COUNT = 1001  # paging.COUNTED_PAGES pages of 20, and one more
PREPARED_ROWS = 100  # the first five pages


class Listing:
    """What paging.CappedPaginator reads of a listing: how many rows (up to a limit) and a
    slice of them. ``build(now, top, *id_lists)`` is the listing's queryset (``top``: the
    end of the slice to be read), narrowed by each list of ids."""

    def __init__(self, build, *id_lists):
        self.build, self.id_lists = build, [list(ids) for ids in id_lists]

    def count(self, limit):
        if limit > PREPARED_COUNT:
            return self.build(timezone.now(), limit, *self.id_lists)[:limit].count()
        return self._prepared(self.build, CompiledCount, 0, limit)

    def rows(self, bottom, top):
        return self._rows(self.build, bottom, top)

    def _rows(self, build, bottom, top):
        if top > PREPARED_ROWS:
            return list(build(timezone.now(), top, *self.id_lists)[bottom:top])
        return self._prepared(build, None, bottom, top)

    def _prepared(self, build, compiled, low, high):
        values = {"now": timezone.now()}
        for number, ids in enumerate(self.id_lists):
            values |= slot_values(f"ids{number}_", ids)
        shape = (low, high, *(len(ids) for ids in self.id_lists))
        return _family(build, compiled)(shape, **values)


class CategoryListing(Listing):
    """A category tree's articles, less those pinned above the first page."""

    def __init__(self, category_ids, pinned_ids):
        super().__init__(category_articles, category_ids, pinned_ids)
        self.category_ids = self.id_lists[0]

    def newest_rows(self, bottom, top):
        """rows() read through each category's newest ``top`` (paging.CategoryPaginator)."""
        return self._rows(category_newest, bottom, top)


def category_articles(now, top, category_ids, pinned_ids):
    return Article.objects.published(now).exclude(pk__in=pinned_ids).for_listing().in_categories(category_ids)


def category_newest(now, top, category_ids, pinned_ids):
    articles = Article.objects.published(now).exclude(pk__in=pinned_ids).for_listing()
    return articles.newest_in_categories(category_ids, top)


def tag_articles(now, top, tag_ids):
    """A tag's articles, found from the tag's side: its tagged items, then their articles,
    all sorted by publish time. Right for a tag on a few hundred articles."""
    return Article.objects.published(now).filter(tags__id__in=tag_ids).for_listing()


def widely_used_tag_articles(now, top, tag_ids):
    """The same rows, found from the articles' side: newest first along the publish-time
    index, each checked against the tag's index, stopping at the page. Sorting every
    article of a tag on 30,000 of 100,000 articles took 35–60 ms a query; this takes 1–2.
    A rare tag the other way round: walking the archive for it took 35 ms on SQLite."""
    tagged = TaggedItem.objects.filter(
        content_type_id=ContentType.objects.get_for_model(Article).pk,
        object_id=OuterRef("pk"),
        tag__id__in=tag_ids,  # tag__id: a Slot may stand for an id
    )
    return Article.objects.published(now).filter(Exists(tagged)).for_listing()


WIDELY_USED = 1000  # tagged articles past which a tag's listing walks the archive


def with_usage(tags):
    """``tags`` annotated ``widely_used``: on more than WIDELY_USED articles, found without
    counting them (is there a tagged item past that many?)."""
    content_type_id = ContentType.objects.get_for_model(Article).pk
    beyond = TaggedItem.objects.filter(tag_id=OuterRef("pk"), content_type_id=content_type_id)
    return tags.annotate(widely_used=Exists(beyond[WIDELY_USED : WIDELY_USED + 1]))


def tag_listing(tag):
    """A tag page's Listing, from whichever side is shorter (``tag`` from with_usage())."""
    return Listing(widely_used_tag_articles if tag.widely_used else tag_articles, [tag.pk])


_FAMILIES = {}  # (build, compiled) -> PreparedShapes


def _family(build, compiled):
    family = _FAMILIES.get((build, compiled))
    if family is None:

        def shaped(shape):
            low, high, *lengths = shape
            id_slots = (slots(f"ids{number}_", length) for number, length in enumerate(lengths))
            return build(_now(), high, *id_slots)[low:high]

        family = _FAMILIES.setdefault((build, compiled), PreparedShapes(Article, shaped, compiled))
    return family
