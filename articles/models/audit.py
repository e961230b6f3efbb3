from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..workflow.audit import Action


class AuditEntry(models.Model):
    """One thing someone did: append-only (workflow/audit.py writes; the admin only reads)."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)  # kept if the user goes
    action = models.CharField(_("action"), max_length=40, choices=Action.choices, db_index=True)
    target = models.CharField(_("what"), max_length=300, blank=True)  # kept when the article goes
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.username} {self.action} {self.target}"
