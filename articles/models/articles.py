import datetime
import html
import re

from django.conf import settings
from django.db import connections, models, transaction
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from ..images import figures
from ..integrity.sanitize import BODY_EDITOR_EXTENSIONS, clean_body_html
from ..integrity.text import drop_unsafe_characters
from ..seo.slugs import readable_slug
from ..workflow.states import State, Status
from .images import Figure, Image

NO_CATEGORY = -(2**62)  # a stand-in id no category has (newest_in_categories)
# What list cards and lines show of an article, its category and its cover (for_listing).
CARD_FIELDS = (
    *("title", "slug", "summary", "publish_at", "category", "cover"),
    *("category__name", "category__slug", "cover__file", "cover__renditions"),
    *("cover__width", "cover__height"),  # ImageField reads its dimension fields on every load
)
BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|tr|pre|figcaption)>|<br\s*/?>", re.IGNORECASE)


def plain_text(body_html):
    """Rich text as plain text, one line per block (for search, spam checks, diffs, summaries)."""
    return html.unescape(strip_tags(BLOCK_END.sub("\n", body_html or ""))).strip()


class UnindexedIn(In):
    """``IN`` that SQLite may not answer from an index (SQLite's own idiom, a unary +).
    Its planner has no statistics and would start from the category index even where a
    handful of rows elsewhere (the placements, a period's counts) should lead; PostgreSQL's
    planner has them."""

    def as_sqlite(self, compiler, connection):
        sql, params = self.as_sql(compiler, connection)
        return f"+{sql}", params


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: approved, its publish time has come and its expiry has not."""
        now = timezone.now()
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
        return self.filter(category_id__in=category_ids)

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
        if len(category_ids) <= 1:
            return self.filter(category_id__in=category_ids)
        if connections[self.db].vendor == "postgresql":
            # One subquery, planned once and run per category (LATERAL): planning a union
            # of twenty copies took 4.6 ms, five times what running them took.
            newest = self._newest_sql(RawSQL("categories.id", ()), count)
            sql = f"SELECT newest.pk FROM unnest(%s::bigint[]) AS categories(id), LATERAL ({newest[0]}) AS newest"
            return self.filter(pk__in=RawSQL(sql, (category_ids, *newest[1])))
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
        return self.select_related("category", "cover").only(*CARD_FIELDS).order_by("-publish_at", "-pk")

    def most_viewed(self, days=None, category_ids=None):
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
        period = DailyViewCount.objects.filter(day__gte=timezone.localdate() - datetime.timedelta(days=days))
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

    def placed(self, kind, category_ids=None):
        """Articles with an active placement of ``kind`` (ArticleFlag.Kind), in its order,
        in ``category_ids`` if given.

        Found from the placements' side (a handful of rows), not by testing every
        published article for one."""
        from .flags import ArticleFlag

        flags = ArticleFlag.objects.active().filter(kind=kind)
        order = flags.filter(article=OuterRef("pk")).values("order")[:1]
        return (
            self.in_categories_led_elsewhere(category_ids)
            .filter(pk__in=flags.values("article_id"))
            .annotate(placement_order=Subquery(order))
            .order_by("placement_order", "-publish_at")
        )


class StaleEdit(Exception):
    """The article was saved by someone else since this copy was read; nothing was written."""


class Article(models.Model):
    StaleEdit = StaleEdit
    Status = Status

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        allow_unicode=True,
        blank=True,
        help_text=_(
            "Part of the address; made from the title (in pinyin) when left empty. "
            "Old addresses keep working when it changes."
        ),
    )
    summary = models.TextField(_("summary"), blank=True, max_length=1000)
    body = ProseEditorField(
        _("body"),
        config={"extensions": BODY_EDITOR_EXTENSIONS},
        sanitize=clean_body_html,
        blank=True,
    )
    cover = models.ForeignKey(
        "articles.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="covers",
        help_text=_("Shown on listings and share cards. Choose one from the image library or upload one."),
    )
    category = models.ForeignKey(
        "articles.Category",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    tags = TaggableManager(_("tags"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        # Deleting a user would silently drop bylines: deactivate people who wrote instead.
        on_delete=models.PROTECT,
        related_name="articles",
    )
    source = models.CharField(
        _("source"),
        max_length=100,
        blank=True,
        help_text=_("来源, e.g. the paper or office."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    review_level = models.PositiveSmallIntegerField(_("review level"), default=0, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True, editable=False)
    # An edit of a live article: reviewed on its own, merged into the live article when approved.
    draft_of = models.OneToOneField(
        "self",
        verbose_name=_("draft of"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="pending_draft",
    )
    publish_at = models.DateTimeField(
        _("publish time"),
        default=timezone.now,
        help_text=_("A time in the future schedules the article: readers see it from then on."),
    )
    expire_at = models.DateTimeField(
        _("expiry time"),
        null=True,
        blank=True,
        help_text=_("Optional. Readers no longer see the article from this time on."),
    )
    meta_description = models.CharField(_("meta description"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Where the article sits in the search table: it orders by publish time (search/index.py).
    search_key = models.BigIntegerField(null=True, unique=True, editable=False)
    # Raised by every save; a save whose copy is older than the row's is refused (StaleEdit).
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("submit_article", _("Can submit articles for review")),
            ("review_article", _("Can approve or return articles in review")),
            ("publish_article", _("Can publish, schedule and unpublish articles")),
            ("edit_any_article", _("Can edit articles written by others")),
            ("restore_article", _("Can restore an earlier revision")),
        ]
        # Not (status, publish_at): without statistics SQLite would then prefer that index
        # to primary-key lookups by id, scanning every published article.
        indexes = [
            models.Index(fields=["publish_at"], name="article_publish_idx"),
            models.Index(fields=["category", "publish_at"], name="article_category_publish_idx"),
            models.Index(
                fields=["expire_at"], condition=models.Q(expire_at__isnull=False), name="article_expiry_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        drop_unsafe_characters(self)
        self.body = clean_body_html(self.body)
        placed = figures.image_ids(self.body)
        images = Image.objects.in_bulk(placed)
        self.body = figures.rewrite(self.body, images)
        self.slug = slugify(self.slug, allow_unicode=True)[:200] or readable_slug(self.title)
        with transaction.atomic():
            if not self._state.adding:
                self._claim_next_version()
            super().save(*args, **kwargs)
            self._keep_figures_in_step([image_id for image_id in placed if image_id in images])

    def get_absolute_url(self):
        return reverse("articles:article", kwargs={"pk": self.pk, "slug": self.slug})

    def _keep_figures_in_step(self, image_ids):
        """The Figure rows say which library images the body places (what protects them from deletion)."""
        current = list(self.figures.order_by("number").values_list("image_id", flat=True))
        if current != image_ids:
            self.figures.all().delete()
            Figure.objects.bulk_create(
                Figure(article=self, image_id=image_id, number=number)
                for number, image_id in enumerate(image_ids, start=1)
            )

    def placed_images(self):
        """{id: Image} of the library images the body places (for rendering, one query)."""
        return {figure.image_id: figure.image for figure in self.figures.select_related("image")}

    def images_lacking_alt_text(self):
        lacking = figures.lacking_alt_text(self.body, self.placed_images())
        if self.cover is not None and self.cover.lacks_alt_text and self.cover not in lacking:
            lacking.append(self.cover)
        return lacking

    def _claim_next_version(self):
        # A conditional UPDATE … WHERE version = n: of two saves that read version n, the
        # second finds n gone (on PostgreSQL it waits for the first's row lock) and is refused.
        claimed = Article.objects.filter(pk=self.pk, version=self.version).update(version=F("version") + 1)
        if not claimed:
            raise StaleEdit(self.pk)
        self.version += 1

    @property
    def state(self):
        """The status with the clock applied: the one-object twin of ``ArticleQuerySet.in_state``."""
        if self.status != Status.PUBLISHED:
            return State(self.status)
        now = timezone.now()
        if self.publish_at > now:
            return State.SCHEDULED
        return State.EXPIRED if self.expire_at and self.expire_at <= now else State.LIVE

    @property
    def is_published(self):
        return self.state == State.LIVE

    def publish(self, save=True):
        """Make the article live, or scheduled if its publish time is still to come.

        An article that was never live and whose publish time has passed goes live now:
        a draft written last week must not appear back-dated, below a week of newer
        articles. (workflow.transitions decides who may do this; this only does it.)
        """
        now = timezone.now()
        never_live = self.status in {Status.DRAFT, Status.IN_REVIEW, Status.REJECTED}
        if never_live and self.publish_at < now:
            self.publish_at = now
        self.status = Status.PUBLISHED
        self.review_level = 0
        if save:
            self.save()

    def unpublish(self, save=True):
        """Readers no longer see it; its publish time is kept."""
        self.status = Status.UNPUBLISHED
        if save:
            self.save()

    @property
    def view_count(self):
        views = getattr(self, "views", None) if self.pk else None
        return views.total if views else 0

    @property
    def body_text(self):
        """The body as plain text, one line per block."""
        return plain_text(self.body)

    def description(self):
        return self.meta_description or self.summary or Truncator(self.body_text).chars(120)

    def neighbours(self):
        """The previous and next published article in the same category."""
        siblings = (
            Article.objects.published().filter(category_id=self.category_id).only("pk", "slug", "title")
        )
        # The redundant gte/lte bound lets the database start at this article in the
        # (category, publish_at) index instead of filtering its way there (the OR alone did).
        newer = siblings.filter(
            models.Q(publish_at__gt=self.publish_at) | models.Q(publish_at=self.publish_at, pk__gt=self.pk),
            publish_at__gte=self.publish_at,
        )
        older = siblings.filter(
            models.Q(publish_at__lt=self.publish_at) | models.Q(publish_at=self.publish_at, pk__lt=self.pk),
            publish_at__lte=self.publish_at,
        )
        return older.order_by("-publish_at", "-pk").first(), newer.order_by("publish_at", "pk").first()

    def related(self, limit=5):
        """Published articles sharing the most tags, else the newest of the category."""
        tag_ids = [tag.pk for tag in self.tags.all()]
        others = Article.objects.published().exclude(pk=self.pk).only("pk", "slug", "title", "publish_at")
        if tag_ids:
            shared = (
                others.filter(tags__in=tag_ids)
                .annotate(shared=models.Count("pk"))
                .order_by("-shared", "-publish_at")[:limit]
            )
            if shared:
                return list(shared)
        return list(others.filter(category_id=self.category_id)[:limit])
