from django.contrib import admin

from ..models import AuditEntry
from .read_only import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only for site admins: nobody adds, edits or deletes entries through the admin."""

    list_display = ["created_at", "username", "action", "target", "ip_address"]
    list_filter = ["action", "created_at"]
    search_fields = ["username", "target", "detail", "ip_address"]
    date_hierarchy = "created_at"
