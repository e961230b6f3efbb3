from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Article
from .widgets import TagSuggestionsWidget

CONTENT_FIELDS = ["title", "slug", "category", "tags", "summary", "body", "cover_image"]
PUBLISHING_FIELDS = ["status", "publish_at", "author", "source"]


class ArticleAdminForm(forms.ModelForm):
    """The admin's article form, refusing to overwrite a save made since it was opened.

    Django's admin lets the later of two saves silently replace the earlier one;
    here the form carries the version (last-saved time) it was opened at.
    """

    opened_version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [*CONTENT_FIELDS, *PUBLISHING_FIELDS, "meta_description"]
        widgets = {"tags": TagSuggestionsWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            saved = Article.objects.filter(pk=self.instance.pk).values_list("updated_at", flat=True).first()
            if saved and cleaned_data.get("opened_version") != saved.isoformat():
                raise ValidationError(
                    _(
                        "Someone saved this article after you opened it. Open it again to see their "
                        "changes (copy your text first), then make yours."
                    ),
                    code="stale",
                )
        return cleaned_data
