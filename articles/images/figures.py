"""Figures in an article body: the markup the editor's figure node makes, kept and shown.

The editor (django-prose-editor's Figure node, its picker being our image chooser)
writes a library image into the body as

    <figure class="figure"><img src="…" alt="…" data-file="12"><figcaption class="figure-caption">…</figcaption></figure>

``data-file`` is the library image's id and the only thing trusted: on save every
image is rewritten from the library (its own URL, never one typed by hand), and
on public pages each becomes the library's <picture> with srcset, width, height and
lazy loading, numbered 图1, 图2 … in body order, with the image's credit.
"""

import html
import re

from django.utils.safestring import mark_safe

from ..integrity.sanitize import clean_body_html
from . import pictures

# Sanitised HTML (nh3) always writes attributes in double quotes, quotes inside escaped.
ATTRIBUTE = re.compile(r'([a-z][a-z-]*)="([^"]*)"')
FIGURE = re.compile(
    r"<figure\b[^>]*>\s*(?P<img><img\b[^>]*>)\s*"
    r"(?:<figcaption\b[^>]*>(?P<caption>.*?)</figcaption>\s*)?</figure>"
    r"|(?P<bare><img\b[^>]*>)",
    re.DOTALL,
)


def _attributes(tag):
    return {name: html.unescape(value) for name, value in ATTRIBUTE.findall(tag)}


def _image_id(attributes):
    value = attributes.get("data-file", "")
    return int(value) if value.isdigit() and len(value) < 12 else None


def placed_images(body):
    """[(image id or None, alt text, caption HTML or None)] for each figure in ``body``, in order."""
    placed = []
    for match in FIGURE.finditer(body or ""):
        attributes = _attributes(match["img"] or match["bare"])
        placed.append((_image_id(attributes), attributes.get("alt", ""), match["caption"]))
    return placed


def image_ids(body):
    return [image_id for image_id, _alt, _caption in placed_images(body) if image_id is not None]


def figure_html(image, alt=None, caption_html=None):
    """The markup the editor makes for ``image`` (a library Image): what imports and the
    demo write too, so a body holds one kind of figure whoever made it."""
    alt = image.alt_text if alt is None else alt
    caption = html.escape(image.caption) if caption_html is None else caption_html
    caption_part = f'<figcaption class="figure-caption">{caption}</figcaption>' if caption else ""
    return (
        f'<figure class="figure"><img src="{html.escape(image.file.url)}" alt="{html.escape(alt)}" '
        f'data-file="{image.pk}">{caption_part}</figure>'
    )


def unknown_images(body, images):
    """The ``src`` of each image in ``body`` that is not a library image in ``images`` ({id: Image})."""
    unknown = []
    for match in FIGURE.finditer(body or ""):
        attributes = _attributes(match["img"] or match["bare"])
        if _image_id(attributes) not in images:
            unknown.append(attributes.get("src", ""))
    return unknown


def rewrite(body, images):
    """``body`` with each figure rewritten from the library (``images``: {id: Image});
    an image that is not in the library is left out (the admin form refuses such a body
    first, with a message; this catches scripts and imports)."""

    def replace(match):
        attributes = _attributes(match["img"] or match["bare"])
        image = images.get(_image_id(attributes))
        if image is None:
            return ""
        if match["bare"]:
            return figure_html(image, attributes.get("alt", ""), "")
        return figure_html(image, attributes.get("alt", ""), match["caption"] or "")

    # Serialised as the sanitiser would (its quoting of attributes), so the stored body is
    # exactly its sanitised form: the integrity scan compares the two.
    return clean_body_html(FIGURE.sub(replace, body or ""))


def lacking_alt_text(body, images):
    """The library images placed in ``body`` without alt text, neither in the figure nor
    in the library, and not marked decorative."""
    lacking = []
    for image_id, alt, _caption in placed_images(body):
        image = images.get(image_id)
        if image is not None and not alt.strip() and image.lacks_alt_text and image not in lacking:
            lacking.append(image)
    return lacking


def render(body, images):
    """The public body: each figure as the library's <picture>, numbered 图1, 图2 …"""
    number = 0

    def replace(match):
        nonlocal number
        attributes = _attributes(match["img"] or match["bare"])
        image = images.get(_image_id(attributes))
        if image is None:
            return ""  # deleted from the library since (a restored old revision)
        number += 1
        alt = "" if image.decorative else (attributes.get("alt", "").strip() or image.alt_text)
        caption = match["caption"] if match["caption"] is not None else html.escape(image.caption)
        return pictures.numbered_figure_html(image, number, alt, mark_safe(caption))

    # The body was sanitised on save; figures are escaped templates.
    return mark_safe(FIGURE.sub(replace, body or ""))
