"""Scratch stores for the benchmarks: created by this run, named for it, removed after it.

A benchmark never touches a database it did not create: PostgreSQL gets a new
database whose name carries this process's id and a random suffix (CREATE fails
rather than reuse one that exists), and is dropped at the end. Redis is shared with
whatever else runs there, so nothing is flushed: the run's keys carry a prefix of
their own (CACHE_KEY_PREFIX) and only keys with that prefix are deleted afterwards.
"""

import os
import secrets
from contextlib import contextmanager


def run_name():
    return f"newsroom_bench_{os.getpid()}_{secrets.token_hex(3)}"


@contextmanager
def scratch_postgres(server_url):
    """Yield the URL of a new, empty database on ``server_url`` (postgres://user@host:port)."""
    import psycopg
    from psycopg import sql

    name = run_name()
    admin_url = server_url.rstrip("/") + "/postgres"
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=3) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{server_url.rstrip('/')}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=3) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextmanager
def scratch_redis_prefix(redis_url):
    """Yield a cache key prefix of this run's own; delete exactly the keys under it afterwards."""
    import redis

    client = redis.Redis.from_url(redis_url, socket_connect_timeout=3)
    client.ping()
    prefix = run_name()
    try:
        yield prefix
    finally:
        for key in client.scan_iter(match=f"{prefix}:*", count=1000):
            client.delete(key)
        client.close()


def reachable(postgres_url=None, redis_url=None):
    """Whether the servers answer; only connects (to the maintenance database) and pings."""
    try:
        if postgres_url:
            import psycopg

            psycopg.connect(postgres_url.rstrip("/") + "/postgres", connect_timeout=3).close()
        if redis_url:
            import redis

            redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except Exception as error:  # any failure to connect means: skip that leg
        print(f"  ({error})")
        return False
    return True


def add_postgres_option(parser):
    """``--postgres``: the server a benchmark makes its own database on (POSTGRES_BENCH_SERVER)."""
    parser.add_argument(
        "--postgres",
        default=os.environ.get("POSTGRES_BENCH_SERVER", "postgres://postgres@127.0.0.1:5432"),
        help="a server: the run creates its own database and drops it after",
    )
