from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import Article
from .widgets import TagSuggestionsWidget

CONTENT_FIELDS = ["title", "slug", "category", "tags", "summary", "body", "cover_image"]
PUBLISHING_FIELDS = ["status", "publish_at", "author", "source"]


STALE_EDIT_MESSAGE = _(
    "Someone saved this article after you opened it. Open it again to see their "
    "changes (copy your text first), then make yours."
)


class ArticleAdminForm(forms.ModelForm):
    """The admin's article form, refusing to overwrite a save made since it was opened.

    Django's admin lets the later of two saves silently replace the earlier one; here
    the form carries the version it was opened at, and the model's save only updates
    the row if that is still its version (Article.StaleEdit otherwise).
    """

    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Article
        fields = [*CONTENT_FIELDS, *PUBLISHING_FIELDS, "meta_description"]
        widgets = {"tags": TagSuggestionsWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            opened = cleaned_data.get("opened_version")
            saved = Article.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if opened != saved:
                raise ValidationError(STALE_EDIT_MESSAGE, code="stale")
            self.instance.version = opened  # the save is conditional on it (Article.save)
        return cleaned_data
