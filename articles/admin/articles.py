from django.contrib import admin, messages
from django.db.models import F
from django.http import HttpResponseRedirect
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import search
from ..integrity import spam
from ..models import Article, ArticleImage
from .filters import PublishDateRangeFilter, StateFilter
from .forms import CONTENT_FIELDS, PUBLISHING_FIELDS, STALE_EDIT_MESSAGE, ArticleAdminForm


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
        StateFilter,
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
        return obj.state.label

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Article.StaleEdit:
            # Two saves crossed after both passed the form's check: the later one is refused whole.
            self.message_user(request, STALE_EDIT_MESSAGE, messages.ERROR)
            return HttpResponseRedirect(request.path)

    def get_search_results(self, request, queryset, search_term):
        return search.filter_matching(queryset, search.parse(search_term)), False

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        if "status" in form.changed_data and "publish_at" not in form.changed_data:
            # Published from a draft with the publish time untouched: Article.publish decides it.
            was = form.initial.get("status")
            if was == Article.Status.DRAFT and obj.status == Article.Status.PUBLISHED:
                obj.status = was
                obj.publish(save=False)
        super().save_model(request, obj, form, change)
        for finding in spam.find_hidden_markup(form.data.get("body", "")):
            messages.warning(
                request, _("Hidden text was made visible (its style was removed): %s") % finding.text
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for finding in spam.article_findings(form.instance):
            messages.warning(request, _("This looks like injected spam, please check: %s") % finding)

    @admin.action(description=_("Publish selected articles"), permissions=["change"])
    def publish(self, request, queryset):
        self._change_each(request, queryset.drafts(), Article.publish)

    @admin.action(
        description=_("Unpublish selected articles (back to draft)"),
        permissions=["change"],
    )
    def unpublish(self, request, queryset):
        self._change_each(request, queryset.exclude(status=Article.Status.DRAFT), Article.unpublish)

    def _change_each(self, request, queryset, change):
        # One by one, through the model, so the search index and caches follow each article.
        changed = 0
        for article in queryset:
            change(article)
            changed += 1
        self.message_user(
            request,
            ngettext("%(count)d article changed.", "%(count)d articles changed.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )
