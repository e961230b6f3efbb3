from django.db import models
from django.utils.translation import gettext_lazy as _


class FormerSlug(models.Model):
    """An address a category or tag had before its slug changed: it answers with a 301."""

    class Kind(models.TextChoices):
        CATEGORY = "category", _("category")
        TAG = "tag", _("tag")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    slug = models.CharField(_("slug"), max_length=200)
    object_id = models.PositiveBigIntegerField()
    changed_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")
        constraints = [models.UniqueConstraint(fields=["kind", "slug"], name="former_slug_unique")]

    def __str__(self):
        return self.slug

    @classmethod
    def remember(cls, kind, slug, object_id):
        """``slug`` now leads to ``object_id`` (the newest owner of an old slug wins)."""
        if slug:
            cls.objects.update_or_create(kind=kind, slug=slug, defaults={"object_id": object_id})

    @classmethod
    def forget(cls, kind, slug):
        """``slug`` is a current address again: it must not redirect elsewhere."""
        cls.objects.filter(kind=kind, slug=slug).delete()
