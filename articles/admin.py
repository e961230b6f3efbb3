from django.contrib import admin, messages
from django.db.models import F
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import integrity, search
from .admin_filters import PublishDateRangeFilter, VisibilityFilter
from .forms import CONTENT_FIELDS, PUBLISHING_FIELDS, ArticleAdminForm
from .models import Article, ArticleImage, Category

admin.site.site_header = admin.site.site_title = _("Newsroom editing")
admin.site.index_title = _("Publish and manage news")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "slug", "sort_order", "is_visible"]
    list_editable = ["sort_order", "is_visible"]
    list_select_related = ["parent__parent"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "slug"]
    autocomplete_fields = ["parent"]


class ArticleImageInline(admin.StackedInline):
    model = ArticleImage
    extra = 1
    fields = ["preview", "image", "alt_text", "caption", "credit", "sort_order"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        if not obj.image:
            return "—"
        return format_html(
            '<img src="{}" alt="" style="max-height:120px;max-width:240px">',
            obj.image.url,
        )


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title",
        "category",
        "status",
        "visibility",
        "publish_at",
        "views_total",
    ]
    list_filter = [
        VisibilityFilter,
        "status",
        "category",
        "tags",
        "author",
        ("publish_at", PublishDateRangeFilter),
    ]
    list_select_related = ["category__parent", "views"]
    search_fields = ["title"]  # answered by the full-text engine, see get_search_results
    search_help_text = _('Searches titles and text, drafts included. "quoted phrase", -exclude.')
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["category"]
    raw_id_fields = ["author"]
    readonly_fields = ["views_total", "created_at", "updated_at"]
    inlines = [ArticleImageInline]
    actions = ["publish", "unpublish"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": [*CONTENT_FIELDS, "opened_version"]}),
        (_("Publishing"), {"fields": PUBLISHING_FIELDS}),
        (_("Details"), {"fields": ["meta_description", "views_total", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("views"), ordering=F("views__total").desc(nulls_last=True))
    def views_total(self, obj):
        return obj.view_count

    @admin.display(description=_("visible to readers"))
    def visibility(self, obj):
        if obj.status == Article.Status.DRAFT:
            return _("Draft")
        return _("Live") if obj.is_published else _("Scheduled")

    def get_search_results(self, request, queryset, search_term):
        return search.filter_matching(queryset, search.parse(search_term)), False

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        super().save_model(request, obj, form, change)
        for finding in integrity.find_hidden_markup(form.data.get("body", "")):
            messages.warning(
                request, _("Hidden text was made visible (its style was removed): %s") % finding.text
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for finding in integrity.article_findings(form.instance):
            messages.warning(request, _("This looks like injected spam, please check: %s") % finding)

    @admin.action(description=_("Publish selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Article.Status.PUBLISHED)

    @admin.action(
        description=_("Unpublish selected articles (back to draft)"),
        permissions=["change"],
    )
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Article.Status.DRAFT)

    def _set_status(self, request, queryset, status):
        # Saved one by one so the search index and caches follow each article.
        changed = 0
        for article in queryset.exclude(status=status):
            article.status = status
            article.save()
            changed += 1
        self.message_user(
            request,
            ngettext("%(count)d article changed.", "%(count)d articles changed.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )
