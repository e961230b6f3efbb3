"""Plain text as XML (feeds, sitemaps) and HTML can carry it.

XML 1.0 has no way to write most C0 control characters, U+FFFE/U+FFFF or lone
surrogates: one of them in a title made the feed a 500 (or an invalid 200). They
are dropped when text is saved and again when a feed is written.
"""

import re

XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text):
    return XML_UNSAFE.sub("", text) if text else text


def drop_unsafe_characters(instance):
    """Apply ``xml_safe`` to every text column of a model instance about to be saved."""
    from django.db import models

    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, xml_safe(value))
