"""Compare two revisions field by field; text is compared character by character.

Chinese is written without spaces, so a word diff would mark whole sentences: a
character diff (difflib, no junk heuristics) marks exactly the characters changed.
"""

import difflib

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

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
    "cover_image": _("cover image"),
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
    if field == "figures":
        return "\n".join(f"{f['image']} | {f['alt_text']} | {f['caption']} | {f['credit']}" for f in value)
    return "" if value is None else str(value)


def compare(old, new):
    """[(label, diff HTML)] for each field that differs between snapshots ``old`` and ``new``."""
    changes = []
    for field, label in LABELS.items():
        before, after = _text(field, old.get(field)), _text(field, new.get(field))
        if before != after:
            changes.append((label, char_diff(before, after)))
    return changes
