from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedItem(models.Model):
    """What an import made of one item of a source (an article, or an image file), so a second
    run of the same export updates or skips it instead of making another."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("article")
        IMAGE = "image", _("image")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    key = models.CharField(_("source key"), max_length=500)
    object_id = models.PositiveBigIntegerField()
    checksum = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="imported_item_unique")]

    def __str__(self):
        return self.key
