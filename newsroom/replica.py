"""A read replica for public pages (DATABASE_REPLICA_URL): the one rule for which database a read uses.

A reader's GET of a public page reads the replica. Everything else reads the primary:
staff (they must see what they just saved), any other method, anything inside a
transaction, management commands and background work, and the rest of any request
once it has written (the view counter's update, a login): read-your-writes.
"""

import contextvars

from django.db import connections

from articles.delivery.audience import is_editorial

_replica_reads = contextvars.ContextVar("newsroom_replica_reads", default=False)


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _replica_reads.set(request.method in {"GET", "HEAD"} and not is_editorial(request))
        try:
            return self.get_response(request)
        finally:
            _replica_reads.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replica_reads.get() and not connections["default"].in_atomic_block:
            return "replica"
        return "default"

    def db_for_write(self, model, **hints):
        _replica_reads.set(False)  # this request reads its own writes from now on
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica follows the primary by replication
