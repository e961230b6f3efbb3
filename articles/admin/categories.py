from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ..models import Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "sort_order", "is_visible", "review_rule"]
    list_editable = ["sort_order", "is_visible"]
    list_select_related = ["parent__parent"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "parent", "description", "sort_order", "is_visible"]}),
        (
            _("Review before publishing"),
            {"fields": ["review_levels", "level_1_role", "level_2_role", "level_3_role"]},
        ),
    ]

    @admin.display(description=_("review chain"))
    def review_rule(self, obj):
        chain = obj.review_chain()
        inherited = "" if obj.review_levels is not None else _(" (inherited)")
        return (" → ".join(str(role.label) for role in chain) or _("none: published directly")) + str(
            inherited
        )
