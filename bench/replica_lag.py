"""A real streaming replica, by hand: do readers ever get a page older than the last edit?

    python bench/replica_lag.py --primary postgres://postgres@127.0.0.1:5434 \
                                --replica postgres://postgres@127.0.0.1:5435 [--edits 200]

Needs a primary and a standby made with ``pg_basebackup -R`` (docs/deploy.md shows the
steps). The run creates a database of its own on the primary (replication copies it to
the standby), loads the demo, then edits an article's title N times; after each edit a
reader opens the article at once and again 50 ms later. It reports how many first pages
were stale, how many were still stale 50 ms later (a stale page cached under the new
version), how many renders read the replica, and the replay lag the primary reported.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.scratch import scratch_postgres  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def leg():
    import statistics

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.delivery.version import purge
    from articles.models import Article

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("load_demo", verbosity=0)
    reader = Client(HTTP_USER_AGENT="Mozilla/5.0 Chrome/120", HTTP_HOST="127.0.0.1")
    article = Article.objects.published().order_by("-publish_at").first()
    url, edits = article.get_absolute_url(), int(os.environ["BENCH_EDITS"])
    stale_first = stale_later = on_replica = 0
    lags = []
    for i in range(edits):
        title = f"滞后测试 {i} {time.time()}"
        Article.objects.filter(pk=article.pk).update(title=title)  # a write on the primary …
        purge()  # … and the purge its save signal makes
        with CaptureQueriesContext(connections["replica"]) as queries:
            stale_first += title not in reader.get(url).content.decode()
        on_replica += any("articles_article" in q["sql"] for q in queries.captured_queries)
        time.sleep(0.05)
        stale_later += title not in reader.get(url).content.decode()
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT extract(epoch FROM replay_lag) FROM pg_stat_replication")
            lags.append(float((cursor.fetchone() or [0])[0] or 0) * 1000)
    print(
        f"replica: {edits} edits: first reader page stale {stale_first}; still stale 50 ms later "
        f"{stale_later}; renders that read the replica {on_replica}; replay lag median "
        f"{statistics.median(lags):.2f} ms, max {max(lags):.2f} ms"
    )


def main():
    if "--leg" in sys.argv:
        return leg()
    parser = argparse.ArgumentParser()
    parser.add_argument("--primary", required=True, help="the primary server (postgres://user@host:port)")
    parser.add_argument("--replica", required=True, help="its streaming standby")
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()
    with scratch_postgres(args.primary) as database:
        name = database.rsplit("/", 1)[1]
        var = ROOT / "bench" / "out" / "replica"
        env = os.environ | {
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": database,
            "DATABASE_REPLICA_URL": f"{args.replica.rstrip('/')}/{name}",
            "SECRET_KEY": "bench",
            "DEBUG": "0",
            "REDIS_URL": "",
            "ALLOWED_HOSTS": "127.0.0.1",
            "VAR_DIR": str(var),
            "STATIC_ROOT": str(var / "static"),
            "VIEWS_PER_ADDRESS": "0",
            "BENCH_EDITS": str(args.edits),
        }
        time.sleep(1)  # the standby replays CREATE DATABASE
        subprocess.run([sys.executable, __file__, "--leg"], env=env, check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
