from django.db import models
from django.utils.translation import gettext_lazy as _

from ..integrity.renditions import save_with_renditions
from ..integrity.text import drop_unsafe_characters
from ..integrity.uploads import NewsImageField


class ArticleImage(models.Model):
    """A figure of an article (图1, 图2 …), shown in order with its caption."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="images",
    )
    image = NewsImageField(
        _("image"),
        upload_to="figures/%Y/%m/",
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    alt_text = models.CharField(
        _("alt text"),
        max_length=250,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=100, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    renditions = models.JSONField(default=list, editable=False)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self):
        return self.caption or self.alt_text

    def save(self, *args, **kwargs):
        drop_unsafe_characters(self)
        save_with_renditions(self, super().save, "image", "renditions", *args, **kwargs)
