from django.contrib import admin

from ..models import Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "sort_order", "is_visible"]
    list_editable = ["sort_order", "is_visible"]
    list_select_related = ["parent__parent"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]
    autocomplete_fields = ["parent"]
