"""The figure markers bodies used before the image library: a paragraph ``[图N]`` (or
``[figure N]``) placed the article's Nth figure there; figures no marker placed were
shown after the body. Turned into figure nodes by migration 0011 and by imports."""

import re

MARKER = re.compile(r"<p>\s*\[(?:图|figure\s*)(\d{1,3})\]\s*</p>", re.IGNORECASE)


def place_figures(body, figures):
    """``body`` with marker N replaced by ``figures[N - 1]`` (figure markup), each figure
    placed once, and the figures no marker placed appended, as pages used to show them."""
    placed = set()

    def replace(match):
        number = int(match.group(1))
        if 1 <= number <= len(figures) and number not in placed:
            placed.add(number)
            return figures[number - 1]
        return ""

    body = MARKER.sub(replace, body or "")
    return body + "".join(markup for n, markup in enumerate(figures, start=1) if n not in placed)
