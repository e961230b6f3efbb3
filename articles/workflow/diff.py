"""Compare two revisions field by field; text is compared character by character.

Chinese is written without spaces, so a word diff would mark whole sentences: a
character diff (difflib, no junk heuristics) marks exactly the characters changed.
"""

import difflib

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ..images.figures import placed_images
from ..models.articles import plain_text

LABELS = {
    "title": _("title"),
    "slug": _("slug"),
    "summary": _("summary"),
    "body": _("body"),
    "source": _("source"),
    "meta_description": _("meta description"),
    "publish_at": _("publish time"),
    "expire_at": _("expiry time"),
    "category": _("category"),
    "cover": _("cover image"),
    "tags": _("tags"),
    "figures": _("figures"),
}


def char_diff(old, new):
    """HTML of ``new`` with deletions in <del> and insertions in <ins>; everything escaped."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    parts = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in {"delete", "replace"}:
            parts.append(format_html("<del>{}</del>", old[a1:a2]))
        if op in {"insert", "replace"}:
            parts.append(format_html("<ins>{}</ins>", new[b1:b2]))
        if op == "equal":
            parts.append(format_html("{}", new[b1:b2]))
    return mark_safe("".join(parts))


def _text(field, value):
    if field == "body":
        return plain_text(value)
    if field == "tags":
        return ", ".join(value)
    return "" if value is None else str(value)


def _figures(body):
    return "\n".join(
        _("image %(id)s, alt text “%(alt)s”") % {"id": image_id, "alt": alt}
        for image_id, alt, _caption in placed_images(body)
    )


def compare(old, new):
    """[(label, diff HTML)] for each field that differs between snapshots ``old`` and ``new``."""
    changes = []
    for field, label in LABELS.items():
        before, after = _text(field, old.get(field)), _text(field, new.get(field))
        if field == "figures":  # placed in the body: which library image, with what alt text
            before, after = _figures(old.get("body")), _figures(new.get("body"))
        if before != after:
            changes.append((label, char_diff(before, after)))
    return changes
