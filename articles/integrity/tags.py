"""Tags as taggit creates them, made safe to link to and to print.

taggit slugs a tag by its letters and digits, so 、 ！ # or an emoji get an empty slug,
and every page linking to the tag failed to build its URL. Such a tag gets a slug
from a hash of its name instead; characters XML cannot carry leave the name.
"""

import hashlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .text import xml_safe

MAX_TAG_LENGTH = 100  # taggit's column


def tidy_tag(tag):
    tag.name = xml_safe(tag.name).strip()
    if tag._state.adding and not tag.slug.strip("_-0123456789"):
        tag.slug = "tag-" + hashlib.sha256(tag.name.encode()).hexdigest()[:12]


def validate_tag_names(names):
    """Form check: every tag fits its column (PostgreSQL refuses longer ones at save), and
    loses what XML cannot carry here already (PostgreSQL refuses a NUL even in a lookup)."""
    names = [cleaned for cleaned in (xml_safe(name).strip() for name in names) if cleaned]
    for name in names:
        if len(name) > MAX_TAG_LENGTH:
            raise ValidationError(
                _("A tag has at most %(limit)s characters: “%(tag)s”.")
                % {"limit": MAX_TAG_LENGTH, "tag": name[:20] + "…"},
                code="tag_too_long",
            )
    return names
