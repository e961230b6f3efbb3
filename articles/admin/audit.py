from django.contrib import admin

from ..models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only for site admins: nobody adds, edits or deletes entries through the admin."""

    list_display = ["created_at", "username", "action", "target", "ip_address"]
    list_filter = ["action", "created_at"]
    search_fields = ["username", "target", "detail", "ip_address"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
