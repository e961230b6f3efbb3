"""The chooser's search: an image's words as the same tokens article search uses.

A library holds thousands of images, not hundreds of thousands of articles, so a
token-contains filter on one column is enough; no index table of its own.
"""

from ..search.tokens import bigrams, is_cjk, runs


def search_text(image):
    tags = [tag.name for tag in image.tags.all()] if image.pk else []
    return search_text_of(image.title, image.alt_text, image.caption, image.credit, *tags)


def search_text_of(*texts):
    words = " ".join(texts)
    tokens = []
    for run in runs(words):
        tokens.extend([*bigrams(run), run[-1]] if is_cjk(run) else [run])
    return " " + " ".join(tokens) + " "


def query_tokens(query):
    """What each stored text must contain: a CJK run's bigrams (or its one character), and
    each other word as the start of a stored word."""
    tokens = []
    for run in runs(query):
        if is_cjk(run):
            tokens.extend(bigrams(run) if len(run) > 1 else [run])
        else:
            tokens.append(" " + run)
    return tokens
