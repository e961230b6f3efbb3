"""/healthz: can this node serve? Its database, shared cache and media storage, each checked.

For a load balancer or monitor: 200 when all answer, 503 naming the one that does not.
Never the error itself (it can carry hosts and passwords from connection strings); the
log has it. Never cached, never counted, not translated.
"""

import contextlib
import logging
import uuid

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _cache():
    key, value = f"newsroom:health:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, 10)
    found = cache.get(key)
    cache.delete(key)
    if found != value:
        raise RuntimeError("the cache did not keep a value")


def _storage():
    # A listing reads, writes nothing: a bucket that is gone or refuses us fails here.
    # (A local media folder not made yet is fine: nothing was uploaded.)
    with contextlib.suppress(FileNotFoundError):
        default_storage.listdir("")


CHECKS = {"database": _database, "cache": _cache, "storage": _storage}


@never_cache
@require_safe
def healthz(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception:
            log.exception("Health check %s failed", name)
            results[name] = "error"
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse({"status": "ok" if healthy else "error", **results}, status=200 if healthy else 503)
