"""Page benchmark: the site under gunicorn as in production, loaded by wrk at concurrency 32.

    python bench/pages.py [--seconds 10] [--articles 2000] [--postgres URL] [--redis URL]

Each leg (SQLite with the file cache; PostgreSQL with Redis when both answer) builds
a scratch site, starts gunicorn with whitenoise, and measures the article page, a
category page, the home page and search beside the same article's HTML saved as a
static file served by the same gunicorn, each after a two-second warm-up that is not
recorded. Then it checks that the article's view
count grew by exactly the number of requests wrk completed, and reports memory per
worker. Figures are ratios against the static file measured in the same run.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.scratch import reachable, scratch_postgres, scratch_redis_prefix  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PORT = 8765
WARM_UP_SECONDS = 2
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def django_shell(env, code):
    return (
        subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )


def wrk(url, seconds):
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            "-c32",
            "-H",
            "User-Agent: Mozilla/5.0 (bench)",
            f"-d{seconds}s",
            "--latency",
            "--timeout",
            "10s",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    text = result.stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    percentiles = {
        p: float(v) * UNITS[u]
        for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.MULTILINE)
    }
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(r"Socket errors: (.*)", text)
    return {
        "rate": rate,
        "requests": requests,
        "p50": percentiles["50"],
        "p99": percentiles["99"],
        "non2xx": int(bad.group(1)) if bad else 0,
        "socket_errors": errors.group(1) if errors else "",
    }


def worker_memory_mb(master_pid):
    children = subprocess.run(["pgrep", "-P", str(master_pid)], capture_output=True, text=True).stdout.split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


def wait_for_port(port, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def run_leg(label, env, articles, seconds, workers):
    print(f"== {label}")
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    ids = django_shell(env, f"from bench.pages import seed; seed({articles})")
    article_path, category_path, tag_path = ids.split()[1:4]
    print(
        "  "
        + django_shell(
            env,
            f"from bench.pages import render_costs; render_costs({article_path!r}, {category_path!r}, {tag_path!r})",
        )
    )
    print(
        "  "
        + django_shell(
            env,
            f"from bench.pages import collection_pause; collection_pause({article_path!r}, {category_path!r})",
        )
    )
    static_root = Path(env["STATIC_ROOT"])
    base = f"http://127.0.0.1:{PORT}"
    gunicorn = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "newsroom.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{PORT}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(PORT)
        html = urllib.request.urlopen(base + article_path).read()  # also one counted view
        (static_root / "bench-article.html").write_bytes(html)
        gunicorn.send_signal(signal.SIGHUP)  # whitenoise indexes static files when a worker starts
        time.sleep(3)
        wait_for_port(PORT)
        urllib.request.urlopen(base + "/static/bench-article.html").read()
        results = {}
        for name, path in [
            ("static", "/static/bench-article.html"),
            ("article", article_path),
            ("category", category_path),
            ("home", "/"),
            ("tag", tag_path),
            ("search", "/search/?q=%E7%BB%8F%E6%B5%8E"),
        ]:
            wrk(
                base + path, WARM_UP_SECONDS
            )  # each worker's first hits (connections, counters) are not the steady state
            results[name] = wrk(base + path, seconds)
            r = results[name]
            print(
                f"  {name:>8}: {r['rate']:8.0f} req/s = {r['rate'] / results['static']['rate']:.2f} of static; "
                f"p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms; non-2xx {r['non2xx']} {r['socket_errors']}"
            )
        exact_requests = 5000
        before = int(django_shell(env, views_code(article_path)))
        ab = subprocess.run(
            [
                "ab",
                "-q",
                "-k",
                "-H",
                "User-Agent: Mozilla/5.0 (bench)",
                "-n",
                str(exact_requests),
                "-c",
                "32",
                base + article_path,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        # ab calls a response whose length differs from the first a failure ("Length"): counts do that.
        failed = sum(int(n) for n in re.findall(r"(?:Connect|Receive|Exceptions): (\d+)", ab))
        failed += int(re.search(r"Non-2xx responses:\s+(\d+)", ab).group(1)) if "Non-2xx" in ab else 0
        memory = worker_memory_mb(gunicorn.pid)
    finally:
        gunicorn.terminate()
        gunicorn.wait(30)
    after = int(django_shell(env, views_code(article_path)))
    counted, made = after - before, exact_requests - failed
    print(f"  view count after {exact_requests} requests by ab ({failed} failed): +{counted}")
    print(f"  memory per worker: {', '.join(f'{m:.0f}' for m in memory)} MB (max {max(memory):.0f} MB)")
    article = results["article"]
    exact = "exact" if counted == made else "NOT exact"
    print(
        f"article page {article['rate']:.0f} req/s = {article['rate'] / results['static']['rate']:.2f} of static; "
        f"p99 {article['p99']:.0f} ms; views {exact} ({counted}/{made}) [{label}]"
    )


def render_costs(article_path, category_path, tag_path):
    """CPU time and queries of each page's first render after an edit (run in a shell).

    The fastest of 30, as timeit reports: on a shared machine the median swings by half
    from run to run, the minimum by a few per cent."""

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.delivery.version import content_version, purge

    client, report = Client(HTTP_USER_AGENT="curl/8", HTTP_HOST="127.0.0.1"), []  # curl: not counted
    for name, path in [
        ("article", article_path),
        ("home", "/"),
        ("category", category_path),
        ("tag", tag_path),
    ]:
        client.get(path)
        times, queries = [], 0
        for _ in range(30):
            purge()  # as an edit does
            content_version()  # worked out once per edit, by whichever page comes first
            with CaptureQueriesContext(connection) as captured:
                started = time.process_time()
                client.get(path)
                times.append((time.process_time() - started) * 1000)
            queries = len(captured)
        report.append(f"{name} {min(times):.1f} ms CPU, {queries} queries")
    print("uncached render after an edit: " + "; ".join(report))


def collection_pause(article_path, category_path):
    """A full garbage collection in a warmed worker, as Python does it now and then in the
    middle of a request: without the worker's freezes (newsroom/long_lived.py) and with."""
    import gc

    from django.test import Client

    from newsroom.long_lived import freeze

    client = Client(HTTP_USER_AGENT="curl/8", HTTP_HOST="127.0.0.1")
    paths = ["/", category_path, article_path, "/search/?q=%E6%96%B0%E9%97%BB"]

    def serve(count):
        for number in range(count):
            client.get(paths[number % len(paths)])

    def full_pass_ms():
        started = time.perf_counter()
        gc.collect()
        return (time.perf_counter() - started) * 1000

    serve(200)
    unfrozen = min(full_pass_ms() for _ in range(3))
    freeze()  # as after the warm-up (the start-up freeze is part of it here)
    serve(200)
    frozen = min(full_pass_ms() for _ in range(3))
    gc.unfreeze()
    print(f"full garbage collection in a warmed worker: {unfrozen:.1f} ms; frozen: {frozen:.1f} ms")


def views_code(article_path):
    pk = int(article_path.split("/")[2])
    return f"from articles.models import ViewCount; v = ViewCount.objects.filter(pk={pk}).first(); print(v.total if v else 0)"


def seed(count):
    """Demo content plus ``count`` generated articles; prints the article, category and tag
    paths to load (the renders and loads below measure these)."""
    from django.urls import reverse
    from django.utils import timezone

    from articles.demo.content import load
    from articles.models import Article, Category
    from articles.search import rebuild_index
    from bench.corpus import articles

    load()
    if Article.objects.count() < count:
        categories = list(Category.objects.all())
        now = timezone.now()
        batch = [
            Article(
                title=title,
                slug=f"b{i}",
                body=f"<p>{body}</p>",
                category=categories[i % len(categories)],
                status="published",
                publish_at=now - timezone.timedelta(minutes=i),
            )
            for i, (title, body) in enumerate(articles(count))
        ]
        Article.objects.bulk_create(batch, batch_size=1000)
        rebuild_index(Article.objects.order_by("pk"))
    article = Article.objects.get(slug="shuanggang-reform")
    tag_path = reverse("articles:tag", kwargs={"slug": article.tags.order_by("pk").first().slug})
    print("PATHS", article.get_absolute_url(), article.category.parent.get_absolute_url(), tag_path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="a server: the run creates its own database",
    )
    parser.add_argument(
        "--redis", default="redis://127.0.0.1:6379/0", help="the run's keys carry a prefix of its own"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install wrk")
    base_env = os.environ | {
        "SECRET_KEY": "bench-only",
        "DEBUG": "0",
        "CONN_MAX_AGE": "60",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(ROOT),
        # One address plays every reader here; load tools are not readers, so ab says it is one.
        "VIEWS_PER_ADDRESS": "0",
    }
    for leg in ("sqlite", "postgresql"):
        var = OUT / f"pages-{leg}"
        shutil.rmtree(var, ignore_errors=True)
        var.mkdir(parents=True)
        env = base_env | {
            "VAR_DIR": str(var),
            "STATIC_ROOT": str(var / "static"),
            "REDIS_URL": "",
            "DATABASE_URL": "",
        }
        if leg == "sqlite":
            run_leg("sqlite", env, args.articles, args.seconds, args.workers)
            continue
        if not reachable(args.postgres, args.redis):
            print("== postgresql + redis leg skipped: not reachable")
            continue
        with scratch_postgres(args.postgres) as database, scratch_redis_prefix(args.redis) as prefix:
            env |= {"DATABASE_URL": database, "REDIS_URL": args.redis, "CACHE_KEY_PREFIX": prefix}
            run_leg("postgresql+redis", env, args.articles, args.seconds, args.workers)


if __name__ == "__main__":
    main()
