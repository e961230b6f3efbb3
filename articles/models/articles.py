import html
import re

from django.conf import settings
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from ..delivery.links import link
from ..images import figures
from ..integrity.sanitize import BODY_EDITOR_EXTENSIONS, clean_body_html
from ..integrity.text import drop_unsafe_characters
from ..seo.slugs import readable_slug
from ..workflow.states import State, Status
from .article_queries import ArticleQuerySet
from .images import Figure, Image

BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|tr|pre|figcaption)>|<br\s*/?>", re.IGNORECASE)


# A tag as the sanitiser writes one: a name, then attributes whose quoted values hold no "<".
_TAG = re.compile(r"""</?[A-Za-z][^<>"']*(?:(?:"[^"<]*"|'[^'<]*')[^<>"']*)*>""")
_ANYTHING_FROM_A_BRACKET = re.compile(r"<[^>]*>?")
# Elements whose content an HTML parser reads as raw text; the sanitiser keeps none.
_RAW_TEXT_ELEMENT = re.compile(
    r"<(?:script|style|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext)", re.IGNORECASE
)


def plain_text(body_html):
    """Rich text as plain text, one line per block (for search, spam checks, diffs, summaries).

    Bodies are sanitised on save, so their text holds no bare "<" or ">" and dropping
    each tag gives what Django's HTML parser (strip_tags) gives, ten times sooner: an
    article page reads its description four times, a search page 20 snippets. Where a
    bracket is left over (a comment, a stray "<", a row written around the admin) or
    a script or style element is there, the parser decides, as it always did.
    """
    text = BLOCK_END.sub("\n", body_html or "")
    without_tags = _TAG.sub("", text)
    if "<" in without_tags or ">" in without_tags or _RAW_TEXT_ELEMENT.search(text):
        try:
            without_tags = strip_tags(text)
        except AssertionError:  # Python's parser gives up on some broken markup ("<![><img")
            without_tags = _ANYTHING_FROM_A_BRACKET.sub("", text)
    return html.unescape(without_tags).strip()


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
        return link("articles:article", pk=self.pk, slug=self.slug)

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
        from .article_pages import neighbours  # it imports this module

        return neighbours(self)

    def related(self, limit=5):
        """Published articles sharing the most tags, else the newest of the category."""
        from .article_pages import related

        return related(self, limit)
