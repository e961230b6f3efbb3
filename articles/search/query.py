"""Parse what a reader types into terms, literally: no operator of either engine gets through.

Syntax: words are ANDed, ``"a phrase"`` is matched as written, ``-word`` excludes,
the last bare word is a prefix (search while typing). Everything else is text.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from .tokens import bigrams, is_cjk, runs

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
_PARTS = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Term:
    """One query term as a phrase of index tokens; ``prefix`` marks the last token as a prefix."""

    text: str
    tokens: tuple
    prefix: bool = False


@dataclass
class ParsedQuery:
    text: str = ""
    include: list = field(default_factory=list)
    exclude: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.include)

    @property
    def single_characters_only(self):
        """Every term is one CJK character (一, 中): it matches most of a Chinese archive."""
        return all(len(t.tokens) == 1 and t.prefix and is_cjk(t.tokens[0]) for t in self.include)


def _clean(raw):
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _term(text, prefix_word):
    """Tokens for one term, mirroring tokens.index_text so the phrase lines up with the index."""
    parts = runs(text)
    if not parts:
        return None
    tokens, prefix = [], False
    for position, run in enumerate(parts):
        last = position == len(parts) - 1
        if not is_cjk(run):
            tokens.append(run)
            prefix = last and prefix_word
        elif len(run) == 1:
            tokens.append(run)
            prefix = last  # in the text this character may start a longer run: match its bigrams too
        else:
            tokens.extend(bigrams(run))
            if not last:
                tokens.append(run[-1])  # the run ends here in the text too, so its unigram follows
            prefix = False
    return Term(text=text, tokens=tuple(tokens), prefix=prefix)


def parse(raw):
    text = _clean(raw)
    query = ParsedQuery(text=text)
    matches = list(_PARTS.finditer(text))[:MAX_TERMS]
    for index, match in enumerate(matches):
        quoted = match.group(2) is not None
        negated = bool(match.group(1) if quoted else match.group(3))
        body = match.group(2) if quoted else match.group(4)
        is_last_word = index == len(matches) - 1 and not quoted and not negated
        term = _term(body, prefix_word=is_last_word)
        if term:
            (query.exclude if negated else query.include).append(term)
    return query
