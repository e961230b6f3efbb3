from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class FlagQuerySet(models.QuerySet):
    def active(self, now=None):
        """Placements whose time has not ended (``now``: the clock, or a prepared query's Slot)."""
        now = timezone.now() if now is None else now
        return self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))


class ArticleFlag(models.Model):
    """置顶 / 推荐 / 头条: an article placed by an editor, in an order, until an optional time."""

    class Kind(models.TextChoices):
        PINNED = "pinned", _("Pinned in its category (置顶)")
        RECOMMENDED = "recommended", _("Recommended on the home page (推荐)")
        HEADLINE = "headline", _("Home page headline (头条)")

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="flags"
    )
    kind = models.CharField(_("placement"), max_length=12, choices=Kind.choices)
    order = models.PositiveSmallIntegerField(_("order"), default=0, help_text=_("Smaller comes first."))
    ends_at = models.DateTimeField(_("until"), null=True, blank=True, help_text=_("Leave empty to keep it."))

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "kind"], name="one_flag_of_a_kind_per_article")
        ]
        verbose_name = _("placement")
        verbose_name_plural = _("placements (置顶 / 推荐 / 头条)")

    def __str__(self):
        return f"{self.get_kind_display()} · {self.article}"
