from django.db import models
from django.utils.translation import gettext_lazy as _


class ViewCount(models.Model):
    """An article's reader views, in a narrow table of its own so counting never rewrites the article row."""

    article = models.OneToOneField(
        "articles.Article",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="views",
    )
    total = models.PositiveBigIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("view count")
        verbose_name_plural = _("view counts")
        indexes = [models.Index(fields=["-total"], name="view_total_idx")]  # the all-time popular lists

    def __str__(self):
        return f"{self.article_id}: {self.total}"


class DailyViewCount(models.Model):
    """Views per article per day, for the 24-hour and 7-day popular lists."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="daily_views")
    day = models.DateField()
    total = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="one_count_per_article_day")]
        indexes = [models.Index(fields=["day", "article"], name="daily_views_day_idx")]

    def __str__(self):
        return f"{self.article_id} {self.day}: {self.total}"
