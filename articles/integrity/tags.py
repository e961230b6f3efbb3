"""Tags as taggit creates them, made safe to link to and to print.

A new tag's slug follows the site's rule (seo/slugs.py: pinyin for Chinese); a name
of only 、 ！ # or emoji, which taggit slugged to nothing (every page linking to it
failed), gets ``tag-`` and a hash of its name. Characters XML cannot carry leave the name.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .text import xml_safe

MAX_TAG_LENGTH = 100  # taggit's column


def tidy_tag(tag):
    from ..seo.slugs import unique_slug

    tag.name = xml_safe(tag.name).strip()
    if tag._state.adding:  # the site's one slug rule (pinyin), not taggit's percent-encoded one
        tag.slug = unique_slug(type(tag), tag.name, "tag")


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
