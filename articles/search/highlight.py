"""Snippets of article text around the matched terms, escaped, with the terms in <mark>."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe


def _pattern(query):
    words = sorted({term.text for term in query.include}, key=len, reverse=True)
    if not words:
        return None
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


def highlight(text, query):
    """The whole (short) text, escaped, with matches marked."""
    pattern = _pattern(query)
    return _mark(text, pattern) if pattern else escape(text)


def snippet(text, query, width=120):
    """About ``width`` characters of ``text`` around the first match, escaped, matches marked."""
    pattern = _pattern(query)
    found = pattern.search(text) if pattern else None
    start = max(0, found.start() - width // 3) if found else 0
    piece = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    body = _mark(piece, pattern) if pattern else escape(piece)
    return mark_safe(escape(prefix) + body + escape(suffix))


def _mark(text, pattern):
    out, last = [], 0
    for found in pattern.finditer(text):
        out.append(escape(text[last : found.start()]))
        out.append(f"<mark>{escape(found.group())}</mark>")
        last = found.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))
