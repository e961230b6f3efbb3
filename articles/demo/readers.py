"""Readers for the demo: page views sent through the real counting path, never numbers written.

Each simulated reader is a browser at an address of its own, opening article pages the
way Django's test client does (the full middleware stack, the page cache and the view
counter). Newer and more newsworthy articles get more readers (a Zipf-like spread), so
the popular lists have something to show. Every view lands today: the 24-hour, 7-day
and all-time lists start out alike.
"""

import random

from django.test import Client

from ..delivery.view_buffer import buffer
from ..models import Article

BROWSER = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"


def simulate(readers, seed=11):
    """Send ``readers`` page views; returns how many the site counted."""
    rng = random.Random(seed)
    articles = list(Article.objects.published().order_by("-publish_at"))
    if not articles or not readers:
        return 0
    rng.shuffle(articles[5:])  # the newest stay near the top; the rest by chance
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(articles))]
    client = Client(HTTP_USER_AGENT=BROWSER, HTTP_SEC_FETCH_DEST="document", HTTP_HOST="127.0.0.1")
    before = _counted()
    for reader in range(readers):
        article = rng.choices(articles, weights)[0]
        client.get(
            article.get_absolute_url(),
            REMOTE_ADDR=f"10.{reader // 65536 % 256}.{reader // 256 % 256}.{reader % 256}",
        )
    buffer.flush()
    return _counted() - before


def _counted():
    from ..models import ViewCount

    return sum(ViewCount.objects.values_list("total", flat=True))
