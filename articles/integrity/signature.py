"""The signature of an injection, for a brand nobody has listed yet.

Injection kits prepend one phrase to the title and to every image's alt text, and drop
it into the middle of body sentences (the town site: 经过不断的改革探索半岛·综合体育下载，
在党建引领下). News repeats its own phrases too, but not like that. A phrase P is flagged
when, in the folded texts (normalize.py):

- the title starts with P and goes on for at least four more characters;
- every alt text starts with P;
- the body has P at least twice right before punctuation or the end of a paragraph
  (cut into a sentence, whatever came before it), and nowhere else except as the start
  of the title again.

A topical phrase (乡村振兴, 党的二十届三中全会) also shows up in ordinary positions
(乡村振兴是…, …全会精神), which clears it. bench/integrity.py measures both error rates.
"""

import re

from .normalize import fold_keeping_punctuation

MIN_LENGTH, MAX_LENGTH, MIN_INSERTIONS = 4, 24, 2
SENTENCE_BREAK = re.compile(r"[,，.。;；:：!！?？)）\]】\n]")  # not 、: lists name things
WORD = re.compile(r"\w")


def _placements(body, phrase, title_rest):
    """(insertions, other uses) of ``phrase`` in the body; echoes of the title are neither."""
    insertions = others = 0
    for match in re.finditer(re.escape(phrase), body):
        after = body[match.end()] if match.end() < len(body) else "\n"
        if body.startswith(title_rest, match.end()):
            continue  # the title quoted again
        if SENTENCE_BREAK.match(after):
            insertions += 1
        else:
            others += 1
    return insertions, others


def repeated_insertion(title, alt_texts, body):
    """The phrase injected across title, alt texts and body, or None."""
    title = fold_keeping_punctuation(title)
    alts = [fold_keeping_punctuation(alt) for alt in alt_texts if alt.strip()]
    body = fold_keeping_punctuation(body)
    if not alts:
        return None
    for length in range(min(MAX_LENGTH, len(title) - MIN_LENGTH), MIN_LENGTH - 1, -1):
        phrase = title[:length]
        if not WORD.match(phrase[-1]) or not all(alt.startswith(phrase) for alt in alts):
            continue
        insertions, others = _placements(body, phrase, title[length : length + 4])
        if insertions >= MIN_INSERTIONS and not others:
            return phrase
    return None
