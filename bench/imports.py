"""Import benchmark: import_articles on a DedeCMS-shaped export, against a bulk insert of the
same rows, in one run.

    python bench/imports.py [--articles 10000] [--postgres URL]

Writes a CSV export of People's Daily text (bench/corpus.py) with 200 images that the
rows share (as a town site's articles reuse its photos) and one row in 200 carrying
injected spam, into a folder of this run under bench/out/. Each leg gets a database of
its own (a new SQLite file there; a scratch PostgreSQL database when reachable), runs
the real command (sanitiser, pinyin slugs, search index, revisions, integrity scan,
renditions) and, as the baseline, ``bulk_create`` of the same rows with none of that.
Target: 10,000 articles in under 2 minutes.
"""

import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.scratch import reachable, run_name, scratch_postgres  # noqa: E402

IMAGES = 200
CATEGORIES = ["新闻中心/镇街动态", "新闻中心/经济发展", "新闻中心/民生服务", "通知公告", "校园新闻/学生活动"]


def write_export(folder, count):
    """The export: export.csv and uploads/allimg/ with IMAGES small JPEGs."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    os.environ.setdefault("SECRET_KEY", "bench")
    import django

    django.setup()
    from PIL import Image

    from bench.corpus import articles

    images = folder / "uploads" / "allimg"
    images.mkdir(parents=True)
    rng = random.Random(7)
    for number in range(IMAGES):
        color = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        Image.new("RGB", (800, 533), color).save(images / f"{number}.jpg", quality=80)
    with (folder / "export.csv").open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(
            ["aid", "title", "typename", "body", "keywords", "pubdate", "copyfrom", "litpic", "pics"]
        )
        for number, (title, body) in enumerate(articles(count), start=1):
            if number % 200 == 0:
                body = body[:60] + "开云体育官网" + body[60:]
            paragraphs = [body[i : i + 110] for i in range(0, len(body), 110)]
            html = (
                "".join(f"<p>{p}</p>" for p in paragraphs[:1])
                + "<p>[图1]</p>"
                + "".join(f"<p>{p}</p>" for p in paragraphs[1:])
            )
            writer.writerow([
                number, f"{title}{number}", CATEGORIES[number % len(CATEGORIES)], html,
                "，".join(rng.sample(["民生", "就业", "教育", "经济", "乡村振兴", "交通"], 2)),
                1_700_000_000 + number * 3600, "本站", f"/uploads/allimg/{number % IMAGES}.jpg",
                f"/uploads/allimg/{(number * 7) % IMAGES}.jpg",
            ])  # fmt: skip


def run_leg(label, database_url, var_dir, export):
    env = os.environ | {
        "DATABASE_URL": database_url,
        "VAR_DIR": str(var_dir),
        "SECRET_KEY": "bench",
        "DEBUG": "0",
        "REDIS_URL": "",
        "BENCH_LABEL": label,
        "BENCH_EXPORT": str(export),
    }
    subprocess.run([sys.executable, __file__, "--leg"], env=env, check=True, cwd=ROOT)


def leg():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from articles.importing import sources
    from articles.models import Article, Category

    export = Path(os.environ["BENCH_EXPORT"])
    call_command("migrate", verbosity=0)
    rows = list(sources.read(export / "export.csv"))

    started = time.perf_counter()
    category = Category.objects.create(name="基线", slug="baseline")
    Article.objects.bulk_create(
        [Article(title=row.title, slug=f"b{n}", body=row.body, category=category, status="published",
                 publish_at=row.publish_at) for n, row in enumerate(rows)],
        batch_size=500,
    )  # fmt: skip
    baseline = time.perf_counter() - started
    Article.objects.filter(category=category).delete()
    category.delete()

    started = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command(
            "import_articles",
            str(export / "export.csv"),
            "--media",
            str(export),
            "--no-progress",
            stdout=quiet,
        )
    elapsed = time.perf_counter() - started
    imported = Article.objects.count()
    drafts = Article.objects.filter(status="draft").count()
    label = os.environ["BENCH_LABEL"]
    print(
        f"{label}: imported {imported:,} articles in {elapsed:.1f} s ({imported / elapsed:,.0f}/s; "
        f"target 10,000 in 120 s), {drafts} held as drafts for spam; bulk insert of the same rows "
        f"{baseline:.1f} s: import costs {elapsed / baseline:.0f}× the bare insert"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--leg", action="store_true")
    args = parser.parse_args()
    if args.leg:
        return leg()
    folder = ROOT / "bench" / "out" / run_name()
    try:
        write_export(folder / "export", args.articles)
        if reachable(postgres_url=args.postgres):
            with scratch_postgres(args.postgres) as database:
                run_leg("PostgreSQL", database, folder / "pg", folder / "export")
        run_leg(
            "SQLite",
            f"sqlite:///{folder / 'sqlite' / 'newsroom.sqlite3'}",
            folder / "sqlite",
            folder / "export",
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
