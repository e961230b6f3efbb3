"""The integrity report: findings of the scan, marked reviewed here; drift restored in one step."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..integrity import drift
from ..models import IntegrityFinding
from .read_only import ReadOnlyAdmin


@admin.register(IntegrityFinding)
class IntegrityFindingAdmin(ReadOnlyAdmin):
    list_display = [
        "kind",
        "article",
        "location",
        "text",
        "first_seen",
        "last_seen",
        "reviewed_by",
        "gone_at",
    ]
    list_filter = [
        "kind",
        ("reviewed_at", admin.EmptyFieldListFilter),
        ("gone_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["article", "reviewed_by"]
    search_fields = ["text", "location"]
    actions = ["mark_reviewed", "restore_approved_text"]

    def has_review_permission(self, request):
        return request.user.has_perm("articles.review_integrityfinding")

    def has_restore_permission(self, request):
        return request.user.has_perm("articles.restore_article") and request.user.has_perm(
            "articles.publish_article"
        )

    @admin.action(
        description=_("Mark as reviewed (the check stays green until something new appears)"),
        permissions=["review"],
    )
    def mark_reviewed(self, request, queryset):
        count = queryset.filter(reviewed_at=None).update(reviewed_by=request.user, reviewed_at=timezone.now())
        self.message_user(request, _("%(count)s finding(s) marked as reviewed.") % {"count": count})

    @admin.action(description=_("Restore the approved text of the drifted articles"), permissions=["restore"])
    def restore_approved_text(self, request, queryset):
        restored = []
        for finding in queryset.filter(kind=IntegrityFinding.Kind.DRIFT).select_related("article"):
            try:
                drift.restore_approved(finding.article, request.user)
            except PermissionDenied as refused:
                self.message_user(request, str(refused), messages.ERROR)
                continue
            finding.reviewed_by, finding.reviewed_at = request.user, timezone.now()
            finding.save(update_fields=["reviewed_by", "reviewed_at"])
            restored.append(finding.article.title)
        if restored:
            self.message_user(
                request, _("Approved text restored: %(titles)s") % {"titles": "、".join(restored)}
            )
