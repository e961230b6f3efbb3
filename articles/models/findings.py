from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IntegrityFinding(models.Model):
    """Something the integrity scan found (integrity/report.py): open until reviewed or gone."""

    class Kind(models.TextChoices):
        BRAND = "brand", _("Injected brand")
        SIGNATURE = "signature", _("Injected phrase (repeated insertion)")
        HIDDEN = "hidden", _("Hidden markup")
        LINK = "link", _("Link to an unlisted site")
        UNSANITISED = "unsanitised", _("Body not sanitised")
        DRIFT = "drift", _("Live text differs from the approved revision")
        FILE = "file", _("Template or static file changed since deploy")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="integrity_findings",
    )
    location = models.CharField(_("where"), max_length=300)
    text = models.CharField(_("text"), max_length=500)
    fingerprint = models.CharField(max_length=64, unique=True, editable=False)
    first_seen = models.DateTimeField(_("first seen"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last seen"))
    gone_at = models.DateTimeField(_("gone since"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    class Meta:
        ordering = ["-last_seen", "-pk"]
        verbose_name = _("integrity finding")
        verbose_name_plural = _("integrity findings")
        permissions = [("review_integrityfinding", _("Can mark integrity findings as reviewed"))]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.location}: {self.text}"

    @property
    def is_open(self):
        return self.reviewed_at is None and self.gone_at is None
