from django.contrib import admin, messages
from django.db.models import F
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from .. import search
from ..images import figures
from ..integrity import spam
from ..integrity.scanner import scan_article
from ..models import Article
from ..workflow import audit, revisions, transitions
from .filters import PublishDateRangeFilter, SafeChangeList, StateFilter
from .flags import ArticleFlagInline
from .forms import CONTENT_FIELDS, CROSSED_SAVE_MESSAGE, PUBLISHING_FIELDS, ArticleAdminForm
from .images import ImageChooserWidget
from .workflow import WorkflowAdminMixin, describe_state


@admin.register(Article)
class ArticleAdmin(WorkflowAdminMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "category", "state_label", "author", "publish_at", "views_total"]
    list_filter = [
        StateFilter,
        "category",
        "tags",
        ("author", admin.RelatedOnlyFieldListFilter),
        ("publish_at", PublishDateRangeFilter),
    ]
    list_select_related = ["category__parent__parent", "views", "author", "draft_of"]
    search_fields = ["title"]  # answered by the full-text engine, see get_search_results
    show_full_result_count = False  # "(12,345 total)" beside a search counted every article each time
    search_help_text = _('Searches titles and text, drafts included. "quoted phrase", -exclude.')
    date_hierarchy = "publish_at"
    autocomplete_fields = ["category"]
    raw_id_fields = ["author", "cover"]
    readonly_fields = ["state_label", "views_total", "created_at", "updated_at"]
    inlines = [ArticleFlagInline]
    actions = ["submit_selected", "approve_selected", "publish_selected", "unpublish_selected"]
    save_on_top = True

    def get_changelist(self, request, **kwargs):
        return SafeChangeList

    fieldsets = [
        (None, {"fields": [*CONTENT_FIELDS, "opened_version"]}),
        (_("Publishing"), {"fields": ["state_label", *PUBLISHING_FIELDS]}),
        (_("Details"), {"fields": ["meta_description", "views_total", "created_at", "updated_at"]}),
    ]

    @admin.display(description=_("views"), ordering=F("views__total").desc(nulls_last=True))
    def views_total(self, obj):
        return obj.view_count

    @admin.display(description=_("state"), ordering="status")
    def state_label(self, obj):
        return describe_state(obj)

    @admin.display(description=_("body"))
    def body_as_read(self, obj):
        # The stored body was sanitised on save; figures render as readers see them.
        return figures.render(obj.body, obj.placed_images())

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only (a live article, or no permission): the body as text, not its HTML source.
        return [
            (name, {**options, "fields": ["body_as_read" if f == "body" else f for f in options["fields"]]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not self.has_change_permission(request, obj):
            readonly.append("body_as_read")
        if not request.user.has_perm("articles.edit_any_article"):
            readonly.append("author")  # a writer's articles are their own
        return readonly

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or transitions.can_edit(request.user, obj)
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Article.StaleEdit:
            # Two saves crossed after both passed the form's check: the later one is refused whole.
            self.message_user(request, CROSSED_SAVE_MESSAGE, messages.ERROR)
            return HttpResponseRedirect(request.path)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "cover":
            kwargs["widget"] = ImageChooserWidget(db_field.remote_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        return search.filter_matching(queryset, search.parse(search_term)), False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.status = Article.Status.DRAFT  # only the review chain moves it on (workflow/transitions.py)
            if obj.author_id is None or not request.user.has_perm("articles.edit_any_article"):
                obj.author = request.user
        super().save_model(request, obj, form, change)
        for finding in spam.find_hidden_markup(form.data.get("body", "")):
            messages.warning(
                request, _("Hidden text was made visible (its style was removed): %s") % finding.text
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        revisions.record(form.instance, request.user, "save")
        audit.record(audit.Action.SAVE, form.instance, article=form.instance.draft_of or form.instance)
        for finding in scan_article(form.instance):
            if finding.kind in {"brand", "signature"}:
                messages.warning(request, _("This looks like injected spam, please check: %s") % finding)

    def delete_model(self, request, obj):
        audit.record(audit.Action.DELETE, obj, article=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            audit.record(audit.Action.DELETE, article, article=article)
        super().delete_queryset(request, queryset)
