"""Search benchmark: the engine against a plain icontains scan, on one corpus, in one run.

    python bench/search.py [--articles 100000] [--postgres URL]

Builds the corpus in a scratch database (SQLite under bench/out/, and PostgreSQL
when reachable), indexes it, times a fixed query set the way the search page runs
it (first page of 20 plus the count), and prints ratios against the scan.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.scratch import add_postgres_option, reachable, scratch_postgres  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# One- to four-character Chinese queries, from very common (中) to rare, and English words.
QUERIES = [
    "中",
    "港",
    "稻",
    "经济",
    "养老",
    "就业",
    "稻田",
    "改革",
    "香港回归",
    "社会主义",
    "国有企业",
    "library",
    "harvest",
    "robot",
    "community care",
    "不存在的词",
]


def run_leg(label, database_url, count):
    env = os.environ | {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench",
        "DEBUG": "0",
        "REDIS_URL": "",
        "BENCH_LABEL": label,
        "BENCH_ARTICLES": str(count),
    }
    subprocess.run([sys.executable, __file__, "--leg"], env=env, check=True, cwd=ROOT)


def leg():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Q
    from django.utils import timezone

    from articles import search
    from articles.models import Article, Category
    from articles.search.index import rebuild_index
    from bench.corpus import articles, paragraphs

    label, count = os.environ["BENCH_LABEL"], int(os.environ["BENCH_ARTICLES"])
    call_command("migrate", verbosity=0)
    category = Category.objects.create(slug="bench", name="bench")  # a fresh database every run
    now = timezone.now()
    Article.objects.bulk_create(
        (
            Article(
                title=title,
                slug=f"a{index}",
                body=f"<p>{body}</p>",
                category=category,
                status="published",
                publish_at=now - timezone.timedelta(minutes=index),
            )
            for index, (title, body) in enumerate(articles(count))
        ),
        batch_size=5000,
    )
    started = time.perf_counter()
    rebuild_index(
        Article.objects.order_by("pk"),
        batch_size=2000,
    )
    rate = count / (time.perf_counter() - started)
    if connection.vendor == "postgresql":
        # As autovacuum would within a minute of a load: statistics (without them the
        # planner reads the whole article table to check 200 search keys, 270 ms) and the
        # GIN index's pending list merged (until then every search reads it through).
        connection.cursor().execute("VACUUM ANALYZE")
    if connection.vendor == "sqlite":
        connection.cursor().execute("INSERT INTO articles_search(articles_search) VALUES ('optimize')")
        with connection.cursor() as cursor:
            cursor.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'articles_search%'")
            index_bytes = cursor.fetchone()[0]
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('articles_search')")
            index_bytes = cursor.fetchone()[0]

    def engine(q):
        results = search.search_articles(Article.objects.published(), search.parse(q))
        return len(list(results[:20])), results.count()

    def scan(q):
        terms = q.split()
        condition = Q()
        for term in terms:
            condition &= Q(title__icontains=term) | Q(body__icontains=term)
        results = Article.objects.published().filter(condition).order_by("-publish_at")
        return len(list(results[:20])), results.count()

    def timings(fn, rounds):
        samples, per_query = [], {}
        for q in QUERIES:
            fn(q)  # warm
            times = []
            for _ in range(rounds):
                t = time.perf_counter()
                hits = fn(q)
                times.append((time.perf_counter() - t) * 1000)
            per_query[q] = (statistics.median(times), hits[1])
            samples.extend(times)
        samples.sort()
        return (
            samples[len(samples) // 2],
            samples[int(len(samples) * 0.95) - 1],
            per_query,
        )

    e50, e95, per_query = timings(engine, 10)
    s50, s95, scan_per_query = timings(scan, 2)
    for q in QUERIES:
        print(
            f"  {q!r:>16}: engine {per_query[q][0]:8.2f} ms ({per_query[q][1]} hits)   "
            f"icontains {scan_per_query[q][0]:8.1f} ms ({scan_per_query[q][1]} hits)"
        )
    print(f"  corpus: {paragraphs()[1]}")
    print(f"  index {index_bytes / 1e6:.1f} MB; engine p50 {e50:.1f} ms, icontains p50 {s50:.1f} ms")
    if label == "sqlite":
        tantivy_leg(engine, timings, e95, rate, index_bytes)
    print(
        f"search {count} articles {label}: p95 {e95:.1f} ms, icontains p95 {s95:.1f} ms, "
        f"{s95 / e95:.0f}x faster, index {rate:.0f} articles/s"
    )


def tantivy_leg(engine, timings, database_p95, database_rate, database_bytes):
    """SEARCH_BACKEND=tantivy on the same articles and queries: every match ranked."""
    import shutil

    from django.conf import settings

    from articles.models import Article
    from articles.search import tantivy_engine

    folder = ROOT / "bench" / "out" / "search-tantivy"
    shutil.rmtree(folder, ignore_errors=True)
    settings.NEWSROOM_TANTIVY_INDEX_DIR = str(folder)
    settings.NEWSROOM_SEARCH_BACKEND = "tantivy"
    try:
        count = Article.objects.count()
        started = time.perf_counter()
        tantivy_engine.rebuild(Article.objects.order_by("pk"), batch_size=2000)
        rate = count / (time.perf_counter() - started)
        size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
        t50, t95, per_query = timings(engine, 10)
    finally:
        settings.NEWSROOM_SEARCH_BACKEND = "database"
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"  tantivy (every match ranked; single characters still by recency): p50 {t50:.1f} ms, p95 {t95:.1f} ms "
        f"= {database_p95 / t95:.2f}x the database engine's p95; index {size / 1e6:.1f} MB "
        f"({database_bytes / size:.1f}x smaller), {rate:.0f} articles/s ({rate / database_rate:.2f}x)"
    )


def main():
    if "--leg" in sys.argv:
        return leg()
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    add_postgres_option(parser)
    args = parser.parse_args()
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    if reachable(args.postgres):
        with scratch_postgres(args.postgres) as database:
            run_leg("postgresql", database, args.articles)
    else:
        print("PostgreSQL leg skipped: no server")
    for stale in out.glob("search.sqlite3*"):
        stale.unlink()
    run_leg("sqlite", f"sqlite:///{out / 'search.sqlite3'}", args.articles)


if __name__ == "__main__":
    main()
