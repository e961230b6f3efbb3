"""Text folded to one spelling before spam rules look at it.

Intruders vary a brand so that plain matching misses it: full-width letters (ＫＡＩＹＵＮ),
zero-width characters inside it (开​云), traditional characters (開雲體育), separators
between its characters (半・岛・体・育, 开-云) and pinyin or English spellings. ``fold``
undoes each: NFKC, format characters dropped, casefold, traditional → simplified
(OpenCC), and every separator and space removed, so all spellings meet. Positions in
the folded text do not map back to the original: findings quote the rule's match.
"""

import functools
import re
import unicodedata

import opencc

SEPARATORS = re.compile(r"[\s·・‧•∙⋅_\-‐‑‒–—―.。,，、|/\\*~'\"“”‘’()（）\[\]【】<>《》:：;；!！?？]+")


@functools.cache
def _to_simplified():
    return opencc.OpenCC("t2s")


def _drop_format_characters(text):
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def fold(text):
    """The text in the one spelling spam rules match: see the module docstring."""
    text = _drop_format_characters(unicodedata.normalize("NFKC", text or "")).casefold()
    return SEPARATORS.sub("", _to_simplified().convert(text))


def fold_keeping_punctuation(text):
    """Like ``fold`` but sentences keep their punctuation (for rules that read context)."""
    text = _drop_format_characters(unicodedata.normalize("NFKC", text or "")).casefold()
    return re.sub(r"[^\S\n]+|[·・‧•∙⋅_‐‑]+", "", _to_simplified().convert(text))  # lines stay


def pinyin(text):
    """Toneless pinyin run together: 开云体育 → kaiyuntiyu."""
    from pypinyin import lazy_pinyin  # 56 MB of dictionaries: loaded only by a process that scans

    return "".join(lazy_pinyin(text))
