"""A read replica for public pages (DATABASE_REPLICA_URL): the one rule for which database a read uses.

A reader's GET of a public page reads the replica. Everything else reads the primary:
staff (they must see what they just saved), any other method, anything inside a
transaction, management commands and background work, and the rest of any request
once it has written (the view counter's update, a login): read-your-writes.

And a reader's page is read from the replica only once the replica has replayed the
primary's log as far as the content version it will be cached under: otherwise a
reader arriving in the milliseconds after an edit would render the old page from a
lagging replica and the cache would keep it, under the new version, until the next
edit. (Seen by hand on a streaming replica: 2 of 200 edits left such a page.)
"""

import contextvars

from django.db import DatabaseError, connections

from articles.delivery.audience import is_editorial

_replica_reads = contextvars.ContextVar("newsroom_replica_reads", default=False)


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from articles.delivery.version import content_wal_position

        reads_replica = (
            request.method in {"GET", "HEAD"}
            and not is_editorial(request)
            and replica_has_replayed(content_wal_position())
        )
        token = _replica_reads.set(reads_replica)
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


def primary_wal_position():
    """The primary's current write-ahead log position, when a PostgreSQL replica follows it."""
    if "replica" not in connections or connections["default"].vendor != "postgresql":
        return None
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return cursor.fetchone()[0]


_replayed = 0  # the furthest this process has seen the replica replay: it only grows


def replica_has_replayed(position):
    """Whether the replica has replayed the primary's log up to ``position`` (None: nothing to wait for).

    A replica that cannot say (not a standby) or cannot be reached is not read."""
    global _replayed
    if position is None or _lsn(position) <= _replayed:
        return True
    try:
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn()::text")
            replayed = cursor.fetchone()[0]
    except DatabaseError:
        return False
    if replayed is None:
        return False
    _replayed = max(_replayed, _lsn(replayed))
    return _lsn(position) <= _replayed


def _lsn(text):
    """A PostgreSQL log sequence number ("16/B374D848") as an integer."""
    high, _, low = text.partition("/")
    return (int(high, 16) << 32) + int(low, 16)
