"""Scale benchmark: the site's PostgreSQL leg at 100,000 and at 1,000,000 articles.

    python bench/scale.py [--articles 1000000] [--step 100000] [--postgres URL]

Loads articles into a scratch PostgreSQL database of its own (created and dropped
by the run) in batched inserts with a progress bar: the article rows with their
search keys, their search entries (the same token text the site writes) and their
tags (one on every third article, one on every ten-thousandth). At each size (every
--step, and at the end) it reports the uncached render p95 of the home page, the
first page of the category tree (every category), a category page (first and a deep
page), an article page, the widely used and the rare tag's pages and the search
page, the p95 of the search engine alone, and the sizes of the tables and indexes.
The last line compares the largest size with the first.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.scratch import add_postgres_option, reachable, scratch_postgres  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["经济", "改革", "社会主义", "国有企业", "香港回归", "稻", "library", "community care"]
CATEGORIES = 20
BATCH = 5000
SAMPLES = 30


WIDELY_USED_TAG, RARE_TAG = (
    ("热门", "re-men", 3),
    ("罕见", "han-jian", 10_000),
)  # name, slug, every nth article


def load(start, stop, categories, now, progress):
    """Articles ``start`` … ``stop - 1`` (ids from 1), five minutes apart going back in time;
    every third carries a widely used tag, every ten-thousandth a rare one."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone
    from taggit.models import Tag, TaggedItem

    from articles.models import Article, SearchEntry
    from articles.search.index import entry_texts, search_key
    from bench.corpus import articles

    content_type = ContentType.objects.get_for_model(Article)
    tags = [
        (Tag.objects.get_or_create(slug=slug, defaults={"name": name})[0], every)
        for name, slug, every in (WIDELY_USED_TAG, RARE_TAG)
    ]
    rows = articles(stop, seed=1)
    for _ in range(start):
        next(rows)
    batch = []
    for index in range(start, stop):
        title, body = next(rows)
        pk = index + 1
        publish_at = now - timezone.timedelta(minutes=5 * index)
        batch.append(
            Article(
                pk=pk,
                title=title,
                slug=f"a{pk}",
                body=f"<p>{body}</p>",
                category_id=categories[index % len(categories)],
                status="published",
                publish_at=publish_at,
                search_key=search_key(publish_at, pk),
            )
        )
        if len(batch) == BATCH or index == stop - 1:
            Article.objects.bulk_create(batch)
            entries = []
            for article in batch:
                title_tokens, body_tokens = entry_texts(article.title, article.summary, article.body_text)
                entries.append(
                    SearchEntry(
                        key=article.search_key, article_id=article.pk, title=title_tokens, body=body_tokens
                    )
                )
            SearchEntry.objects.bulk_create(entries)
            TaggedItem.objects.bulk_create(
                TaggedItem(tag=tag, content_type=content_type, object_id=article.pk)
                for article in batch
                for tag, every in tags
                if article.pk % every == 0
            )
            progress.update(len(batch))
            batch = []


def p95(samples):
    samples = sorted(samples)
    return samples[max(int(len(samples) * 0.95) - 1, 0)]


def measure(count, say):
    """Uncached render p95 of each page kind, engine p95, and sizes, at ``count`` articles."""
    import random

    from django.db import connection
    from django.test import Client

    from articles import search
    from articles.delivery.pages import memory
    from articles.delivery.version import purge
    from articles.models import Article, Category
    from articles.views import PER_PAGE

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would after a load: index-only scans need it
    client, rng = Client(HTTP_USER_AGENT="curl/8", HTTP_HOST="127.0.0.1"), random.Random(count)
    category = Category.objects.get(slug="c0")
    middle = count // CATEGORIES // PER_PAGE // 2 + 1
    tree = Category.objects.get(slug="news")  # every category is in it
    pages = {
        "home": lambda: "/",
        "category tree page 1": lambda: tree.get_absolute_url(),
        "category page 1": lambda: category.get_absolute_url(),
        f"category page {middle}": lambda: category.get_absolute_url() + f"?page={middle}",
        "article": lambda: f"/articles/{rng.randrange(1, count + 1)}/",
        "widely used tag page": lambda: f"/tags/{WIDELY_USED_TAG[1]}/",
        "rare tag page": lambda: f"/tags/{RARE_TAG[1]}/",
        "search": lambda: "/search/?q=" + rng.choice(QUERIES),
    }
    report = {}
    for name, url in pages.items():
        times = []
        for _ in range(SAMPLES):
            purge()
            memory.clear()
            address = url()
            started = time.perf_counter()
            response = client.get(address, follow=True)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (address, response.status_code)
        report[name] = p95(times)
    engine = []
    for q in QUERIES * 4:
        started = time.perf_counter()
        results = search.search_articles(Article.objects.published(), search.parse(q))
        list(results[:20]), results.count()
        engine.append((time.perf_counter() - started) * 1000)
    report["search engine"] = p95(engine)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_total_relation_size('articles_article'), pg_total_relation_size('articles_search'),"
            " pg_database_size(current_database())"
        )
        articles_bytes, search_bytes, database_bytes = cursor.fetchone()
    sizes = f"articles {articles_bytes / 1e9:.2f} GB, search {search_bytes / 1e9:.2f} GB, database {database_bytes / 1e9:.2f} GB"
    print(
        f"  {count:>9,} articles: "
        + "; ".join(f"{k} p95 {v:.1f} ms" for k, v in report.items())
        + f"; {sizes}"
    )
    return report, search_bytes


def leg():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone
    from tqdm import tqdm

    from articles.models import Category
    from bench.corpus import paragraphs

    total, step = int(os.environ["BENCH_ARTICLES"]), int(os.environ["BENCH_STEP"])
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    parent = Category.objects.create(slug="news", name="新闻中心")
    categories = [parent.pk] + [
        Category.objects.create(slug=f"c{i}", name=f"栏目{i}", parent=parent).pk
        for i in range(CATEGORIES - 1)
    ]
    print(f"  corpus: {paragraphs()[1]}")
    now, loaded, results = timezone.now(), 0, {}
    sizes = sorted({*range(step, total, step), total})
    with tqdm(total=total, unit="articles", mininterval=5, file=sys.stdout) as progress:
        for size in sizes:
            started = time.perf_counter()
            load(loaded, size, categories, now, progress)
            rate = (size - loaded) / (time.perf_counter() - started)
            loaded = size
            with connection.cursor() as cursor:
                cursor.execute("SELECT setval(pg_get_serial_sequence('articles_article', 'id'), %s)", [size])
            progress.write(f"  loaded {size:,} ({rate:.0f} articles/s with their search entries)")
            if size in (sizes[0], sizes[-1]) or size % (5 * step) == 0:
                results[size] = measure(size, progress.write)
    first, last = sizes[0], sizes[-1]
    growth = "; ".join(
        f"{first_name} ×{last_value / first_value:.1f}"
        for (first_name, first_value), last_value in zip(
            results[first][0].items(), results[last][0].values(), strict=True
        )
    )
    print(f"scale {first:,} → {last:,} articles (×{last // first}) on PostgreSQL: p95 grew {growth}")
    print(f"  search table ×{results[last][1] / results[first][1]:.1f}")


def main():
    if "--leg" in sys.argv:
        return leg()
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--step", type=int, default=100_000)
    add_postgres_option(parser)
    args = parser.parse_args()
    if not reachable(args.postgres):
        sys.exit("PostgreSQL not reachable: this benchmark is about its leg")
    with scratch_postgres(args.postgres) as database:
        env = os.environ | {
            "DATABASE_URL": database,
            "SECRET_KEY": "bench",
            "DEBUG": "0",
            "REDIS_URL": "",
            "ALLOWED_HOSTS": "127.0.0.1",
            "VAR_DIR": str(ROOT / "bench" / "out" / "scale"),
            "STATIC_ROOT": str(ROOT / "bench" / "out" / "scale" / "static"),
            "BENCH_ARTICLES": str(args.articles),
            "BENCH_STEP": str(args.step),
        }
        subprocess.run([sys.executable, __file__, "--leg"], env=env, check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
