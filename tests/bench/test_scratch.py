"""Benchmarks touch only the stores they create: other databases and other keys survive a run."""

import os
import secrets

import pytest

from bench.scratch import reachable, scratch_postgres, scratch_redis_prefix

POSTGRES = os.environ.get("POSTGRES_SERVER_FOR_TESTS", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("REDIS_SERVER_FOR_TESTS", "redis://127.0.0.1:6379/15")


@pytest.mark.skipif(not reachable(postgres_url=POSTGRES), reason=f"no PostgreSQL at {POSTGRES}")
def test_the_scratch_database_is_new_and_goes_while_others_stay():
    import psycopg

    def databases():
        with psycopg.connect(POSTGRES + "/postgres", autocommit=True) as conn:
            return {row[0] for row in conn.execute("SELECT datname FROM pg_database")}

    before = databases()
    with scratch_postgres(POSTGRES) as url:
        name = url.rsplit("/", 1)[1]
        assert name not in before
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE TABLE t (x int)")
        assert databases() == before | {name}
    assert databases() == before


@pytest.mark.skipif(not reachable(redis_url=REDIS), reason=f"no Redis at {REDIS}")
def test_only_the_runs_own_keys_are_deleted():
    import redis

    client = redis.Redis.from_url(REDIS)
    other = f"someone-else:{secrets.token_hex(4)}"
    client.set(other, "keep me")
    try:
        with scratch_redis_prefix(REDIS) as prefix:
            client.set(f"{prefix}:1:page", "bench")
        assert client.get(f"{prefix}:1:page") is None
        assert client.get(other) == b"keep me"
    finally:
        client.delete(other)
