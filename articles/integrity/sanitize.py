"""The one allowlist for article bodies: what the editor can make is what survives a save."""

import nh3
from django_prose_editor.config import allowlist_from_extensions

BODY_EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    # Library images only: the admin sets the picker (our chooser) per form, images/figures.py
    # rewrites each one from the library on save.
    "Figure": True,
    "Image": True,
    "Caption": True,
}

_allowlist = allowlist_from_extensions(BODY_EDITOR_EXTENSIONS)
_allowlist["attributes"].setdefault("a", set()).discard("rel")
# Exactly the figure markup the editor makes: <figure class="figure"><img src alt data-file>
# <figcaption class="figure-caption">; no other class, no sizes or titles on images.
_allowlist["attributes"]["figure"] = set()
_allowlist["attributes"]["figcaption"] = set()
_allowlist["attributes"]["img"] = {"src", "alt", "data-file"}


def _only_listed_attributes(tag, attribute, value):
    # ammonia allows lang and title on every element; the editor makes only a link's title.
    if attribute in {"lang", "title"} and attribute not in _allowlist["attributes"].get(tag, ()):
        return None
    return value


_cleaner = nh3.Cleaner(
    tags=_allowlist["tags"] | {"p", "br"},
    attributes=_allowlist["attributes"],
    allowed_classes={"figure": {"figure"}, "figcaption": {"figure-caption"}},
    attribute_filter=_only_listed_attributes,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)


def clean_body_html(html):
    """Sanitise rich text: no scripts, handlers, styles, iframes or javascript: links."""
    cleaned = _cleaner.clean(html or "").strip()
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned
