import copy

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..images import figures
from ..integrity.sanitize import clean_body_html
from ..integrity.tags import validate_tag_names
from ..models import Article, Image
from ..workflow import diff
from .widgets import TagSuggestionsWidget

CONTENT_FIELDS = ["title", "slug", "category", "tags", "summary", "body", "cover"]
PUBLISHING_FIELDS = ["publish_at", "expire_at", "author", "source"]


STALE_EDIT_MESSAGE = _(
    "Someone saved this article after you opened it. Their changes are shown below and your "
    "text is still in the form: save again to put yours over theirs, or reload to start from theirs."
)


CROSSED_SAVE_MESSAGE = _(
    "Someone saved this article at the same moment as you; your save was not made. "
    "Open it again to see their changes, then make yours."
)


class ArticleAdminForm(forms.ModelForm):
    """The admin's article form, refusing to overwrite a save made since it was opened.

    Django's admin lets the later of two saves silently replace the earlier one; here
    the form carries the version it was opened at, and the model's save only updates
    the row if that is still its version (Article.StaleEdit otherwise). When it is not,
    the form shows what the other person changed (``stale_changes``) and keeps this
    user's input; the next save then knowingly applies it.
    """

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    check_version = True  # a preview saves nothing, so it need not be the latest version

    class Meta:
        model = Article
        fields = [*CONTENT_FIELDS, *PUBLISHING_FIELDS, "meta_description"]
        widgets = {"tags": TagSuggestionsWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stale_changes = None
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.version
        if "body" in self.fields:  # the editor's figure button opens the image chooser
            widget = self.fields["body"].widget
            widget.config = copy.deepcopy(widget.config)
            widget.config["extensions"]["Figure"] = {"pickerUrl": reverse("admin:articles_image_choose")}

    def clean_tags(self):
        return validate_tag_names(self.cleaned_data["tags"])

    def clean_body(self):
        body = self.cleaned_data["body"]
        limit = settings.NEWSROOM_MAX_BODY_CHARS
        if len(body) > limit:
            message = _(
                "The body has %(length)s characters; the limit is %(limit)s. Split it into several articles."
            )
            raise ValidationError(
                message % {"length": f"{len(body):,}", "limit": f"{limit:,}"}, code="too_long"
            )
        stored = clean_body_html(body)  # what the save will keep (the model field sanitises on save)
        outside = figures.unknown_images(stored, Image.objects.in_bulk(figures.image_ids(stored)))
        if outside:
            message = _(
                "Images in the body come from the image library: use the figure button to choose or "
                "upload one. Not from the library: %(sources)s"
            )
            raise ValidationError(
                message % {"sources": ", ".join(src or "?" for src in outside)}, code="outside_library"
            )
        return body

    def clean(self):
        cleaned_data = super().clean()
        publish_at, expire_at = cleaned_data.get("publish_at"), cleaned_data.get("expire_at")
        if publish_at and expire_at and expire_at <= publish_at:
            message = _("The expiry time must come after the publish time.")
            self.add_error("expire_at", ValidationError(message, code="before_publish_time"))
        if self.instance.pk and self.check_version:
            opened = cleaned_data.get("opened_version")
            saved = Article.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if opened != saved:
                self.stale_changes = changes_since(self.instance, opened)
                self.data = self.data.copy()
                self.data["opened_version"] = saved  # the next save applies this input knowingly
                raise ValidationError(STALE_EDIT_MESSAGE, code="stale")
            self.instance.version = opened  # the save is conditional on it (Article.save)
        return cleaned_data


def changes_since(article, version):
    """What was changed in ``article`` since ``version`` (a diff), or [] if that version was not kept."""
    from ..models import Revision

    root_id = article.draft_of_id or article.pk
    kept = Revision.objects.filter(article_id=root_id, data__row=article.pk)
    opened = kept.filter(data__version=version).order_by("-number").first()
    current = kept.order_by("-number").first()
    if opened is None or current is None:
        return []
    return diff.compare(opened.data, current.data)
