"""A structural check of HTML for anything a browser would run: parsed, not string-matched.

Flags script-capable elements, event-handler attributes, and URLs whose scheme runs code
(after the decoding and whitespace-stripping a browser does), wherever they appear.
"""

import re
from html.parser import HTMLParser

ACTIVE_ELEMENTS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "svg", "math",
    "form", "button", "style", "link", "meta", "template", "portal", "xml", "xss", "isindex",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "srcset",
    "poster",
    "xlink:href",
    "background",
    "lowsrc",
    "dynsrc",
    "ping",
}
SAFE_LINK_RELATIONS = {"stylesheet", "alternate", "canonical", "icon", "manifest", "apple-touch-icon"}
RUNNABLE_SCHEME = re.compile(r"^(?:javascript|vbscript|livescript|data):", re.IGNORECASE)
INVISIBLE = re.compile(r"[\x00-\x20\x7f-\xa0\u200b-\u200f\ufeff]")


class _Checker(HTMLParser):
    def __init__(self, allowed_elements):
        super().__init__(convert_charrefs=True)
        self.allowed_elements = allowed_elements
        self.problems = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        data_block = tag == "script" and values.get("type") == "application/ld+json"  # JSON, never run
        own_script = tag == "script" and (values.get("src") or "").startswith(
            "/static/js/"
        )  # the site's file
        if tag in ACTIVE_ELEMENTS and tag not in self.allowed_elements and not (data_block or own_script):
            self.problems.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in values:
            self.problems.append(f"<meta http-equiv={values['http-equiv']}>")
        if tag == "link" and values.get("rel") not in SAFE_LINK_RELATIONS:
            self.problems.append(f"<link rel={values.get('rel')}>")
        if tag == "form" and not (values.get("action") or "").startswith("/"):
            self.problems.append(f"<form action={values.get('action')}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            elif name in URL_ATTRIBUTES and value and RUNNABLE_SCHEME.match(INVISIBLE.sub("", value)):
                if not (tag == "img" and value.startswith("data:image/")):
                    self.problems.append(f"<{tag} {name}={value[:40]}>")
            elif (
                name == "style"
                and value
                and re.search(r"expression\s*\(|javascript:|behavior\s*:", value, re.I)
            ):
                self.problems.append(f"<{tag} style={value[:40]}>")

    handle_startendtag = handle_starttag


def runnable_markup(html, allowed_elements=()):
    """[description of each thing in ``html`` a browser could run] (empty when safe)."""
    checker = _Checker(set(allowed_elements))
    checker.feed(html)
    checker.close()
    return checker.problems
