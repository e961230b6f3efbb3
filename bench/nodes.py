"""Two app nodes sharing one PostgreSQL and one Redis, as a site that outgrew one machine runs.

    python bench/nodes.py [--requests 3000] [--postgres URL] [--redis URL]

Starts two gunicorn instances on different ports with the same settings (a scratch
database and a Redis key prefix of this run, media in one shared folder), then checks
what an operator must be able to rely on:

- an edit (made by a third process, as any node's admin would) is seen on both at once;
- a session made by signing in on one node works on the other, and a login lockout
  earned on one holds on the other;
- view counts are exact across both under load (ab on both at once, views buffered as
  in production), through a graceful restart of one node's workers in the middle of the
  load and a stop of the other right after it (buffered views are written on the way out).
"""

import argparse
import http.cookiejar
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.pages import django_shell, manage, views_code, wait_for_port  # noqa: E402
from bench.scratch import reachable, run_name, scratch_postgres, scratch_redis_prefix  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PORTS = {"A": 8771, "B": 8772}
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36"


def start(node, env):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "newsroom.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORTS[node]}",
        ],
        cwd=ROOT,
        env=env | {"VAR_DIR": env["VAR_DIR"] + f"/node-{node}"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for_port(PORTS[node])
    return process


def fetch(node, path, opener=None, data=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORTS[node]}{path}",
        data=urllib.parse.urlencode(data).encode() if data else None,
        headers={"User-Agent": BROWSER, "Referer": f"http://127.0.0.1:{PORTS[node]}{path}"},
    )
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def sign_in(node, opener, username, password):
    _status, page = fetch(node, "/admin/login/", opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return fetch(
        node,
        "/admin/login/?next=/admin/",
        opener,
        {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"},
    )


def ab(node, path, requests):
    return subprocess.Popen(
        ["ab", "-q", "-k", "-H", f"User-Agent: {BROWSER}", "-n", str(requests), "-c", "16",
         f"http://127.0.0.1:{PORTS[node]}{path}"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def ab_failures(output):
    failed = sum(int(n) for n in re.findall(r"(?:Connect|Receive|Exceptions): (\d+)", output))
    return failed + (
        int(re.search(r"Non-2xx responses:\s+(\d+)", output).group(1)) if "Non-2xx" in output else 0
    )


def check(label, ok, detail):
    print(f"  {'ok ' if ok else 'FAIL'} {label}: {detail}")
    return ok


def run(env, requests):
    manage(env, "migrate", "--noinput")
    for node in PORTS:
        manage(env | {"VAR_DIR": env["VAR_DIR"] + f"/node-{node}"}, "collectstatic", "--noinput")
    article_path = django_shell(env, "from bench.pages import seed; seed(50)").split()[1]
    pk = int(article_path.split("/")[2])
    django_shell(
        env,
        "from tests.factories import make_editor; make_editor(password='correct horse battery staple'); print(1)",
    )
    nodes = {node: start(node, env) for node in PORTS}
    results = []
    try:
        # An edit is seen on both nodes at once (the content version lives in Redis).
        for node in PORTS:
            fetch(node, article_path)  # both now hold the page in the shared cache
        django_shell(
            env,
            f"from articles.models import Article; a = Article.objects.get(pk={pk}); "
            "a.title = '双港镇新标题 ' + a.title; a.save(); print(1)",
        )
        seen = {node: "双港镇新标题" in fetch(node, article_path)[1] for node in PORTS}
        results.append(check("an edit is seen on both nodes at once", all(seen.values()), seen))

        # A session from node A works on node B.
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        sign_in("A", opener, "editor", "correct horse battery staple")
        status, page = fetch("B", "/admin/", opener)
        results.append(
            check("signed in on A, the admin on B", status == 200 and "editorial-queue" in page, status)
        )

        # A lockout earned on node A holds on node B.
        stranger = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        for _ in range(5):
            sign_in("A", stranger, "editor", "wrong password")
        status, _page = sign_in("B", stranger, "editor", "correct horse battery staple")
        results.append(check("locked out on A, refused on B", status == 429, status))

        # Exact views across both under load, through a restart of each.
        before = int(django_shell(env, views_code(article_path)))
        loads = {node: ab(node, article_path, requests) for node in PORTS}
        time.sleep(1.5)
        nodes["A"].send_signal(signal.SIGHUP)  # graceful: new workers; the old ones write their views
        outputs = {node: load.communicate()[0] for node, load in loads.items()}
        nodes["B"].send_signal(signal.SIGTERM)  # stopped with views still buffered
        nodes["B"].wait(30)
        nodes["B"] = start("B", env)
        time.sleep(4)  # VIEW_FLUSH_SECONDS on node A
        made = sum(requests - ab_failures(output) for output in outputs.values())
        counted = int(django_shell(env, views_code(article_path))) - before
        results.append(
            check(
                "views exact across both nodes, a worker restart and a node stop",
                counted == made,
                f"{counted} counted of {made} served ({2 * requests} sent)",
            )
        )
    finally:
        for process in nodes.values():
            process.terminate()
            process.wait(30)
    print("nodes:", "all checks passed" if all(results) else "SOME CHECKS FAILED")
    return all(results)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=3000, help="per node")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0")
    args = parser.parse_args()
    if not shutil.which("ab"):
        sys.exit("ab not found: apt-get install apache2-utils")
    if not reachable(args.postgres, args.redis):
        print("nodes: skipped, two nodes need PostgreSQL and Redis and they did not answer")
        return
    var = ROOT / "bench" / "out" / run_name()
    try:
        with scratch_postgres(args.postgres) as database, scratch_redis_prefix(args.redis) as prefix:
            env = os.environ | {
                "SECRET_KEY": "bench-only",
                "DEBUG": "0",
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "PYTHONPATH": str(ROOT),
                "DATABASE_URL": database,
                "REDIS_URL": args.redis,
                "CACHE_KEY_PREFIX": prefix,
                "VAR_DIR": str(var),
                "MEDIA_ROOT": str(var / "media"),  # one folder both nodes mount, as NFS would be
                "VIEWS_PER_ADDRESS": "0",  # one address plays every reader here
                "VIEW_FLUSH_SECONDS": "2",
            }
            ok = run(env, args.requests)
    finally:
        shutil.rmtree(var, ignore_errors=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
