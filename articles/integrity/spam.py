"""Spot text that intruders inject into articles: gambling and betting brands, hidden markup.

Compromised Chinese government and school sites typically carry a betting brand
inserted into titles, image alt texts and mid-sentence (the demo's town article
had 半岛·综合体育下载 nine times). Patterns live in NEWSROOM_SPAM_PATTERNS.
"""

import re
from dataclasses import dataclass

from django.conf import settings

HIDDEN_MARKUP = re.compile(
    r"""style\s*=\s*["'][^"']*(display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|"""
    r"""(?:left|top|text-indent)\s*:\s*-\d{3,})""",
    re.IGNORECASE,
)


def spam_pattern():
    return re.compile("|".join(f"(?:{p})" for p in settings.NEWSROOM_SPAM_PATTERNS), re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    field: str
    text: str

    def __str__(self):
        return f"{self.field}: {self.text}"


def find_injected_text(fields):
    """Findings in {field name: plain text}: each injected phrase, once per field."""
    pattern = spam_pattern()
    findings = []
    for field, text in fields.items():
        for found in dict.fromkeys(m.group() for m in pattern.finditer(text or "")):
            findings.append(Finding(field, found))
    return findings


def find_hidden_markup(html):
    """Markup that hides text from readers but not from search engines (before sanitising drops the style)."""
    return [Finding("body", m.group()) for m in HIDDEN_MARKUP.finditer(html or "")]


def article_findings(article):
    fields = {"title": article.title, "summary": article.summary, "body": article.body_text}
    for number, image in enumerate(article.images.all(), start=1):
        fields[f"figure {number}"] = f"{image.alt_text}\n{image.caption}"
    return find_injected_text(fields)
