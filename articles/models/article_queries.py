"""What readers and pages ask of the articles: one queryset method per rule ("published",
"most viewed", "placed", "the newest of these categories"), each written so the database
starts from an index or from the few rows that lead, however large the archive."""

import datetime

from django.db import connections, models
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In
from django.db.models.query import ModelIterable
from django.utils import timezone

from ..workflow.states import State, Status

UNION_LIMIT = 400  # categories per union: SQLite allows 500 terms in a compound SELECT
NO_CATEGORY = -(2**62)  # a stand-in id no category has (newest_in_categories)
# What list cards and lines show of an article and its cover (for_listing); the category
# comes from the process's category tree.
CARD_FIELDS = (
    *("title", "slug", "summary", "publish_at", "category", "cover"),
    *("cover__file", "cover__renditions"),
    *("cover__width", "cover__height"),  # ImageField reads its dimension fields on every load
)


class UnindexedIn(In):
    """``IN`` that SQLite may not answer from an index (SQLite's own idiom, a unary +).
    Its planner has no statistics and would start from the category index even where a
    handful of rows elsewhere (the placements, a period's counts) should lead; PostgreSQL's
    planner has them."""

    def as_sqlite(self, compiler, connection):
        sql, params = self.as_sql(compiler, connection)
        return f"+{sql}", params


class CategoriesFromTheTree(ModelIterable):
    """Articles whose category is the process's copy from the category tree
    (delivery/category_tree.py) instead of a joined row: no join to build, compile and
    read for the name and link a card shows."""

    def __iter__(self):
        yield from with_tree_categories(super().__iter__())

    @staticmethod
    def after_loading(articles):
        """The same for a prepared query's list of articles (models/prepared.py)."""
        for _article in with_tree_categories(articles):
            pass


def with_tree_categories(articles):
    """Each of ``articles`` (yielded on) with its category from the tree."""
    from ..delivery.category_tree import category_tree  # it imports the models

    categories = category_tree().by_id
    for article in articles:
        category = categories.get(article.category_id)
        if category is not None:  # else (created this instant) read when asked for
            type(article).category.field.set_cached_value(article, category)
        yield article


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What readers may see: approved, its publish time has come and its expiry has not.

        ``now``: the clock, or a prepared query's Slot for it (prepared.py)."""
        now = timezone.now() if now is None else now
        return self.filter(
            models.Q(expire_at__isnull=True) | models.Q(expire_at__gt=now),
            status=Status.PUBLISHED,
            publish_at__lte=now,
        )

    def scheduled(self):
        return self.filter(status=Status.PUBLISHED, publish_at__gt=timezone.now())

    def expired(self):
        return self.filter(status=Status.PUBLISHED, expire_at__lte=timezone.now())

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def in_state(self, state):
        """The articles in ``state`` (a State): the queryset twin of ``Article.state``."""
        by_clock = {State.LIVE: self.published, State.SCHEDULED: self.scheduled, State.EXPIRED: self.expired}
        return by_clock[state]() if state in by_clock else self.filter(status=state)

    def in_categories(self, category_ids):
        return self.filter(
            category__id__in=category_ids
        )  # category__id: a prepared query's Slot may stand for an id

    def in_categories_led_elsewhere(self, category_ids):
        """in_categories for a query another table leads (placed, most_viewed); None: all."""
        return (
            self if category_ids is None else self.filter(UnindexedIn(F("category_id"), list(category_ids)))
        )

    def newest_in_categories(self, category_ids, count):
        """These articles in ``category_ids``, narrowed to each category's newest ``count``.

        ``category_id IN (…) ORDER BY publish_at`` reads every article of those categories
        and sorts them: neither SQLite nor PostgreSQL walks several index ranges in date
        order. Each category's own newest ``count`` (the start of its (category, publish_at)
        range) reads at most ``count`` rows per category, however large the archive. Order
        and slice the result as usual."""
        category_ids = list(category_ids)
        if len(category_ids) <= 1:  # category__id: a prepared query's Slot may stand for an id
            return self.filter(category__id__in=category_ids)
        if connections[self.db].vendor == "postgresql":
            # One subquery, planned once and run per category (LATERAL): planning a union
            # of twenty copies took 4.6 ms, five times what running them took.
            sql, params = self._newest_sql(RawSQL("categories.id", ()), count)
            lateral = (
                f"SELECT newest.pk FROM unnest(%s::bigint[]) AS categories(id), LATERAL ({sql}) AS newest"
            )
            return self.filter(pk__in=RawSQL(lateral, (category_ids, *params)))
        if len(category_ids) > UNION_LIMIT:
            return self.filter(category__id__in=category_ids)  # a tree that wide is sorted whole
        # SQLite has no LATERAL: a union, compiled once with a stand-in category and repeated.
        sql, params = self._newest_sql(NO_CATEGORY, count)
        slot = list(params).index(NO_CATEGORY)
        union = " UNION ALL ".join([f"SELECT * FROM ({sql}) AS newest"] * len(category_ids))
        union_params = [value for pk in category_ids for value in (*params[:slot], pk, *params[slot + 1 :])]
        return self.filter(pk__in=RawSQL(union, union_params))

    def _newest_sql(self, category, count):
        newest = self.filter(category_id=category).order_by("-publish_at", "-pk").values("pk")[:count]
        return newest.query.get_compiler(using=self.db).as_sql()

    def for_listing(self):
        """Newest first, with what a list card shows (includes/card/): a body is tens of
        kilobytes and a card never shows it."""
        return (
            self.select_related("cover")
            .only(*CARD_FIELDS)
            .order_by("-publish_at", "-pk")
            .categories_from_tree()
        )

    def categories_from_tree(self):
        """Each article's category from the process's category tree, not a join (readers' pages)."""
        articles = self._chain()
        articles._iterable_class = CategoriesFromTheTree  # kept by every later filter and slice
        return articles

    def most_viewed(self, days=None, category_ids=None, since=None):
        """Most viewed of all time, or over the last ``days`` days of daily counts (today
        included), in ``category_ids`` if given.

        Only articles someone has read: ranking from the counts' side lets the database
        walk view_total_idx down from the top instead of sorting a whole category."""
        articles = self.in_categories_led_elsewhere(category_ids)
        if days is None:
            return (
                articles.filter(views__total__gt=0)
                .annotate(period_views=F("views__total"))
                .order_by("-period_views", "-publish_at")
            )
        from .counts import DailyViewCount

        # From the period's counts (daily_views_day_idx), as many as were read, not the archive.
        since = timezone.localdate() - datetime.timedelta(days=days) if since is None else since  # or a Slot
        period = DailyViewCount.objects.filter(day__gte=since)
        totals = period.filter(article=OuterRef("pk")).values("article").annotate(sum=Sum("total"))
        return (
            articles.filter(pk__in=period.values("article_id"))
            .annotate(period_views=Subquery(totals.values("sum")))
            .order_by("-period_views", "-publish_at")
        )

    def next_change(self):
        """When readers' view next changes by the clock alone (a go-live, an expiry, a placement
        ending), or None."""
        from .flags import ArticleFlag

        now = timezone.now()
        published = self.filter(status=Status.PUBLISHED)
        # Each the first row of an index range (publish_at, expire_at, ends_at), not a
        # MIN(…) FILTER over every article: that scanned the table on every edit.
        times = [
            published.filter(publish_at__gt=now)
            .order_by("publish_at")
            .values_list("publish_at", flat=True)
            .first(),
            published.filter(expire_at__gt=now)
            .order_by("expire_at")
            .values_list("expire_at", flat=True)
            .first(),
            ArticleFlag.objects.filter(ends_at__gt=now)
            .order_by("ends_at")
            .values_list("ends_at", flat=True)
            .first(),
        ]
        return min((time for time in times if time is not None), default=None)

    def placed(self, kind, category_ids=None, now=None):
        """Articles with an active placement of ``kind`` (ArticleFlag.Kind), in its order,
        in ``category_ids`` if given.

        Found from the placements' side (a handful of rows), not by testing every
        published article for one."""
        from .flags import ArticleFlag

        flags = ArticleFlag.objects.active(now).filter(kind=kind)
        order = flags.filter(article=OuterRef("pk")).values("order")[:1]
        return (
            self.in_categories_led_elsewhere(category_ids)
            .filter(pk__in=flags.values("article_id"))
            .annotate(placement_order=Subquery(order))
            .order_by("placement_order", "-publish_at")
        )
