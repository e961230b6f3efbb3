"""The home and category pages' reads, prepared (prepared.py): the placements, the newest,
each section's newest and the most-viewed lists, each the queryset method that defines
it run with Slots where the clock and the category ids go."""

import datetime

from django.db import models
from django.utils import timezone

from .articles import Article
from .prepared import PreparedShapes, Slot, slot_values, slots


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
