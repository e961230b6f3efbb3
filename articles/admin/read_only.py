from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the site writes itself (the audit log, integrity findings): staff read, never edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
