"""Text → search tokens. CJK runs become overlapping bigrams, other text lower-cased words.

A run of CJK characters ABCD is indexed as ``AB BC CD D``: every two-character
substring is a token, so a query of two or more characters is the phrase of its
bigrams, and the trailing unigram lets a one-character query be a prefix query
(``D*`` matches ``DX`` bigrams and the lone ``D``). The same scheme as Lucene's
CJKAnalyzer; it finds exactly what a substring scan finds (see the notes in
the README's search section).
"""

import re
import unicodedata

_CJK = (
    "\u3040-\u30ff"  # kana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # han
    "\uac00-\ud7af"  # hangul
    "\U00020000-\U0003134f"
)
_TOKEN_RUNS = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+")
_CJK_CHAR = re.compile(rf"[{_CJK}]")


def normalize(text):
    return unicodedata.normalize("NFKC", text or "").lower()


def is_cjk(run):
    return bool(_CJK_CHAR.match(run))


def runs(text):
    """The runs of CJK characters and the words of other text, normalised, in order."""
    return _TOKEN_RUNS.findall(normalize(text))


def bigrams(run):
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_text(text):
    """The space-separated token text stored in the index."""
    tokens = []
    for run in runs(text):
        if is_cjk(run):
            tokens.extend(bigrams(run))
            tokens.append(run[-1])
        else:
            tokens.append(run)
    return " ".join(tokens)
