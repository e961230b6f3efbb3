from django.db.models import Count
from django.utils.html import format_html, json_script
from taggit.forms import TagWidget
from taggit.models import Tag


class TagSuggestionsWidget(TagWidget):
    """taggit's comma-separated input, suggesting the most used existing tags as an editor types."""

    suggestions = 500

    class Media:
        js = ["admin/newsroom/tag-suggestions.js"]

    def render(self, name, value, attrs=None, renderer=None):
        element_id = (attrs or {}).get("id", f"id_{name}")
        tags = Tag.objects.annotate(uses=Count("taggit_taggeditem_items")).order_by("-uses", "name")
        names = list(tags.values_list("name", flat=True)[: self.suggestions])
        attrs = (attrs or {}) | {
            "list": f"{element_id}_list",
            "data-tag-suggestions": f"{element_id}_names",
            "autocomplete": "off",
        }
        return format_html(
            '{}<datalist id="{}_list"></datalist>{}',
            super().render(name, value, attrs, renderer),
            element_id,
            json_script(names, f"{element_id}_names"),
        )
