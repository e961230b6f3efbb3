"""Reader view counts (浏览次数): which requests count, and an exact increment.

A view counts when a reader GETs an article page. Not counted: HEAD and other
methods, browser prefetches, known bots and crawlers (by User-Agent), and staff
(who may be previewing). Counts start at zero and only ever grow by real views.
"""

import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import DailyViewCount, ViewCount

BOT_USER_AGENT = re.compile(
    r"bot|crawl|spider|slurp|baiduspider|yandex|bingpreview|facebookexternalhit|"
    r"headless|python-requests|curl|wget|httpclient|monitor|preview|scanner|lighthouse",
    re.IGNORECASE,
)


def counts_as_view(request):
    if request.method != "GET":
        return False
    purpose = request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", "")
    if "prefetch" in purpose.lower():
        return False
    if BOT_USER_AGENT.search(request.headers.get("User-Agent", "")):
        return False
    return not (request.user.is_authenticated and request.user.is_staff)


def _increment(model, **key):
    """Add one to ``model.total`` for the row ``key``, creating it at 1; never read-modify-write."""
    if model.objects.filter(**key).update(total=F("total") + 1):
        return
    try:
        with transaction.atomic():
            model.objects.create(total=1, **key)
    except IntegrityError:  # another request created it first
        model.objects.filter(**key).update(total=F("total") + 1)


def record_view(article_id):
    with transaction.atomic():
        _increment(ViewCount, article_id=article_id)
        _increment(DailyViewCount, article_id=article_id, day=timezone.localdate())
