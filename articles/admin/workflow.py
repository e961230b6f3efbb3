"""The review chain in the article admin: buttons, their POST-only views, history, preview, actions.

Every view checks on the server (workflow/transitions.py); the change form only shows
the buttons the user's role may press.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Article, AuditEntry
from ..seo import site_url
from ..workflow import diff, share, transitions
from ..workflow.transitions import APPROVE, PUBLISH, REJECT, SUBMIT, UNPUBLISH, Refused

BUTTONS = {
    SUBMIT: gettext_lazy("Submit for review"),
    APPROVE: gettext_lazy("Approve"),
    REJECT: gettext_lazy("Return to the writer"),
    PUBLISH: gettext_lazy("Publish"),
    UNPUBLISH: gettext_lazy("Unpublish"),
}


def describe_state(article):
    """The state as an editor reads it: 'In review (level 2 of 3)', 'Live', 'Draft (changes to #12)'."""
    label = str(article.state.label)
    if article.status == Article.Status.IN_REVIEW:
        levels = len(transitions.chain(article))
        if levels:
            label += " " + _("(level %(level)s of %(levels)s)") % {
                "level": article.review_level,
                "levels": levels,
            }
        else:
            label += " " + _("(waiting to be published)")
    if article.status == Article.Status.REJECTED and article.review_comment:
        # The writer's list says what to change.
        label = _("%(state)s: %(comment)s") % {"state": label, "comment": article.review_comment}
    if article.draft_of_id:
        label += " " + _("(changes to live article #%(pk)s)") % {"pk": article.draft_of_id}
    return label


class WorkflowAdminMixin:
    change_form_template = "admin/articles/article/change_form.html"
    object_history_template = "admin/articles/article/history.html"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/workflow/<str:name>/",
                wrap(self.transition_view),
                name="articles_article_transition",
            ),
            path("<path:object_id>/new-draft/", wrap(self.new_draft_view), name="articles_article_new_draft"),
            path(
                "<path:object_id>/revisions/<int:number>/restore/",
                wrap(self.restore_view),
                name="articles_article_restore",
            ),
            path(
                "<path:object_id>/change/preview/", wrap(self.preview_view), name="articles_article_preview"
            ),
            path("add/preview/", wrap(self.preview_view), name="articles_article_add_preview"),
            *super().get_urls(),
        ]

    def _article(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("This article no longer exists."))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _back(self, article):
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def transition_view(self, request, object_id, name):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        try:
            article = self._article(request, object_id)
        except Http404:
            messages.error(request, _("This article no longer exists."))
            return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
        if name not in BUTTONS:
            raise Http404
        try:
            result = transitions.perform(name, article, request.user, request.POST.get("comment", ""))
        except Refused as refusal:
            messages.error(request, str(refusal))
            return self._back(article)
        messages.success(
            request,
            _("%(action)s: done. Now: %(state)s")
            % {"action": BUTTONS[name], "state": describe_state(result)},
        )
        return self._back(result)

    def new_draft_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, object_id)
        try:
            copy = transitions.start_new_draft(article, request.user)
        except Refused as refusal:
            messages.error(request, str(refusal))
            return self._back(article)
        messages.info(request, _("Readers keep seeing the live article until these changes are approved."))
        return self._back(copy)

    def restore_view(self, request, object_id, number):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, object_id)
        revision = get_object_or_404(article.revisions, number=number)
        try:
            target = transitions.restore(revision, request.user)
        except Refused as refusal:
            messages.error(request, str(refusal))
            return self._back(article)
        messages.success(request, _("Revision %(number)s restored as a new draft.") % {"number": number})
        return self._back(target)

    def history_view(self, request, object_id, extra_context=None):
        article = self._article(request, object_id)
        root = article.draft_of or article
        revisions = list(root.revisions.select_related("created_by"))
        numbers = {revision.number: revision for revision in revisions}
        compared = None
        try:
            older, newer = int(request.GET["a"]), int(request.GET["b"])
            compared = (
                numbers[older],
                numbers[newer],
                diff.compare(numbers[older].data, numbers[newer].data),
            )
        except (KeyError, ValueError):
            pass
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "root": root,
            "title": _("History: %s") % root,
            "revisions": revisions,
            "compared": compared,
            "can_restore": request.user.has_perm("articles.restore_article"),
            "entries": AuditEntry.objects.filter(article=root).select_related("user")[:200],
        }
        return TemplateResponse(request, self.object_history_template, context)

    def preview_view(self, request, object_id=None):
        """The unsaved form as readers would see the article: saved in a transaction that is rolled back."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._article(request, object_id) if object_id else None
        allowed = (
            self.has_change_permission(request, article) if article else self.has_add_permission(request)
        )
        if not allowed:
            raise PermissionDenied
        form = self.get_form(request, article, change=article is not None)(
            request.POST, request.FILES, instance=article
        )
        form.check_version = False
        if not form.is_valid():
            return render(request, "admin/articles/article/preview_errors.html", {"form": form}, status=400)
        return share.render_unsaved(request, form, article)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        extra_context = extra_context or {}
        if article is not None:
            extra_context["workflow"] = {
                "state": describe_state(article),
                "buttons": [(name, BUTTONS[name]) for name in transitions.available(article, request.user)],
                "comment": article.review_comment,
                "share_url": site_url.absolute(share.share_url(article))
                if article.status != Article.Status.PUBLISHED
                else "",
                "share_days": share.days(),
                "live": article.draft_of,
                "pending": getattr(article, "pending_draft", None),
                "can_start_draft": article.status == Article.Status.PUBLISHED and not article.draft_of_id,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        # A crafted POST naming an action this user's role does not have is refused outright.
        action = request.POST.get("action") if request.method == "POST" else None
        known = {*self.actions, "delete_selected"}
        if action in known and action not in self.get_actions(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def has_submit_permission(self, request):
        return request.user.has_perm("articles.submit_article")

    def has_review_permission(self, request):
        return request.user.has_perm("articles.review_article")

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def _perform_each(self, request, queryset, name):
        done = 0
        for article in queryset:
            try:
                transitions.perform(name, article, request.user)
                done += 1
            except (Refused, PermissionDenied) as refusal:
                messages.warning(request, f"{article}: {refusal}")
        if done:
            messages.success(
                request, _("%(action)s: %(count)d article(s).") % {"action": BUTTONS[name], "count": done}
            )

    def submit_selected(self, request, queryset):
        self._perform_each(request, queryset, SUBMIT)

    def approve_selected(self, request, queryset):
        self._perform_each(request, queryset, APPROVE)

    def publish_selected(self, request, queryset):
        self._perform_each(request, queryset, PUBLISH)

    def unpublish_selected(self, request, queryset):
        self._perform_each(request, queryset, UNPUBLISH)

    submit_selected.allowed_permissions = ["submit"]
    submit_selected.short_description = BUTTONS[SUBMIT]
    approve_selected.allowed_permissions = ["review"]
    approve_selected.short_description = BUTTONS[APPROVE]
    publish_selected.allowed_permissions = ["publish"]
    publish_selected.short_description = BUTTONS[PUBLISH]
    unpublish_selected.allowed_permissions = ["publish"]
    unpublish_selected.short_description = BUTTONS[UNPUBLISH]
