from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Revision(models.Model):
    """One saved state of an article: its fields, body (with its figures), cover and tags, never changed or thrown away.

    Django-reversion and django-simple-history record what a row *was*; here an edit of a
    live article is a separate working copy (Article.draft_of) until it is approved, and
    the history must join the two. So revisions are a narrow model of our own:
    ``data`` is workflow.revisions.snapshot().
    """

    article = models.ForeignKey(
        "articles.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("number"))
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    event = models.CharField(_("event"), max_length=40)
    comment = models.TextField(_("comment"), blank=True)
    is_live = models.BooleanField(_("what readers saw"), default=False)
    data = models.JSONField()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="one_revision_number")]

    def __str__(self):
        return f"#{self.article_id} r{self.number}"
