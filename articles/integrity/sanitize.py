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
}

_allowlist = allowlist_from_extensions(BODY_EDITOR_EXTENSIONS)
_allowlist["attributes"].setdefault("a", set()).discard("rel")
_cleaner = nh3.Cleaner(
    tags=_allowlist["tags"] | {"p", "br"},
    attributes=_allowlist["attributes"],
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
)


def clean_body_html(html):
    """Sanitise rich text: no scripts, handlers, styles, iframes or javascript: links."""
    cleaned = _cleaner.clean(html or "").strip()
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned
