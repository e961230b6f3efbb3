"""DATABASE_REPLICA_URL: readers' public pages read the replica; staff, writes and what follows a
write read the primary. A second database stands in for the replica: a copy of the primary
that is then made to differ, so each page shows which one it read."""

import json
import os
import shutil
import subprocess

import pytest

from tests.newsroom.fresh_process import python_with

SCRIPT = r"""
import json, django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.db import connections
from articles.models import Article, Category
from articles.workflow.roles import Role, role_group
from django.contrib.auth import get_user_model

phase = __import__("os").environ["PHASE"]
if phase == "migrate":
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    category = Category.objects.create(name="镇街动态", slug="town")
    Article.objects.create(title="两边都有的文章", category=category, status="published", body="<p>一</p>")
    user = get_user_model().objects.create_user("editor", password="pw", is_staff=True)
    user.groups.add(role_group(Role.EDITOR))
else:
    # The replica lags: an article published on the primary has not reached it yet.
    category = Category.objects.get()
    fresh = Article.objects.create(title="只在主库的新文章", category=category, status="published", body="<p>新</p>")
    out = {}
    reader = Client(HTTP_USER_AGENT="Mozilla/5.0 Chrome/120")
    out["reader_home"] = "只在主库的新文章" in reader.get("/").content.decode()
    out["reader_article"] = reader.get(fresh.get_absolute_url()).status_code
    staff = Client()
    staff.force_login(get_user_model().objects.get(username="editor"))
    out["staff_home"] = "只在主库的新文章" in staff.get("/").content.decode()
    if "replica" in connections:
        with CaptureQueriesContext(connections["replica"]) as on_replica, CaptureQueriesContext(connections["default"]) as on_primary:
            reader.get(Article.objects.get(title="两边都有的文章").get_absolute_url())
        out["article_reads_replica"] = any("articles_article" in q["sql"] for q in on_replica)
        out["count_written_to_primary"] = any(q["sql"].startswith(("UPDATE", "INSERT")) for q in on_primary)
    out["routers"] = settings.DATABASE_ROUTERS
    print(json.dumps(out))
"""


def run(phase, var_dir, replica, **extra):
    env = extra | {
        "PHASE": phase,
        "VAR_DIR": str(var_dir),
        "VIEW_FLUSH_SECONDS": "0",
        "VIEWS_PER_ADDRESS": "0",
        "ALLOWED_HOSTS": "testserver",
    }
    if replica:
        env["DATABASE_REPLICA_URL"] = f"sqlite:///{var_dir / 'replica.sqlite3'}"
    result = python_with(SCRIPT, timeout=120, **env)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1]) if phase == "check" else None


def test_readers_read_the_replica_and_staff_and_writes_use_the_primary(tmp_path):
    run("migrate", tmp_path, replica=False)
    shutil.copy(tmp_path / "newsroom.sqlite3", tmp_path / "replica.sqlite3")  # the replica: a copy
    assert run("check", tmp_path, replica=True) == {
        "reader_home": False,  # not on the replica yet
        "reader_article": 404,
        "staff_home": True,  # staff read the primary
        "article_reads_replica": True,
        "count_written_to_primary": True,  # the view count is a write: primary
        "routers": ["newsroom.replica.PrimaryReplicaRouter"],
    }


def test_without_a_replica_every_read_is_the_primarys(tmp_path):
    run("migrate", tmp_path, replica=False)
    assert run("check", tmp_path, replica=False) == {
        "reader_home": True,
        "reader_article": 200,
        "staff_home": True,
        "routers": [],
    }


POSTGRES = os.environ.get("DATABASE_URL", "")


@pytest.mark.skipif(not POSTGRES.startswith("postgres"), reason="the PostgreSQL leg's check")
def test_a_replica_that_cannot_show_it_has_replayed_the_edit_is_not_read(tmp_path):
    """A stand-in that is a copy but not a standby cannot say how far it has replayed the
    primary's log, so readers' pages, which will be cached, are read from the primary."""
    from bench.scratch import scratch_postgres

    server = POSTGRES.rsplit("/", 1)[0]
    with scratch_postgres(server) as primary, scratch_postgres(server) as replica:
        env = {"DATABASE_URL": primary}
        run("migrate", tmp_path, replica=False, **env)
        copy_database(primary, replica)
        result = run("check", tmp_path, replica=False, DATABASE_REPLICA_URL=replica, **env)
    assert result["reader_home"] is True  # read from the primary: the new article shows
    assert result["reader_article"] == 200
    assert result["article_reads_replica"] is False


def copy_database(source, target):
    """Fill ``target`` with ``source``'s tables and rows (pg_dump | psql, no server-side template)."""
    dump = subprocess.run(["pg_dump", "--no-owner", source], capture_output=True, check=True).stdout
    subprocess.run(
        ["psql", "-q", "-v", "ON_ERROR_STOP=1", target], input=dump, capture_output=True, check=True
    )
