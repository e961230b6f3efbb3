"""Plain text as XML (feeds, sitemaps) and HTML can carry it.

XML 1.0 has no way to write most C0 control characters, U+FFFE/U+FFFF or lone
surrogates: one of them in a title made the feed a 500 (or an invalid 200). They
are dropped when text is saved and again when a feed is written.
"""

import re

XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text):
    return XML_UNSAFE.sub("", text) if text else text
