"""Instructions per page: the CPU work of a render or a cached hit, counted, not timed.

    python bench/instructions.py [--articles 2000]

On these shared 2-core machines the same render's CPU time swings by half from one
run to the next, which hides any change smaller than that. Valgrind's cachegrind
counts the instructions a process executes, the same to a few in 100,000 from run to
run (with PYTHONHASHSEED fixed), so a change of 1 % shows. Each figure is the
difference between a process doing 25 and one doing 5 of the same thing, divided by
20, so start-up and warm-up cancel out. Needs valgrind (``apt-get install valgrind``).

For each of the article, home, category and tag pages it prints the instructions of
the render after an edit (as ``render_costs`` in pages.py, in a scratch SQLite site
seeded like pages.py's) and of a reader's cached hit through the WSGI application
gunicorn serves (newsroom/wsgi.py), beside a static file served by whitenoise in the
same process. That ratio is the Python part
of pages.py's "of static" only: gunicorn's own work per request (HTTP parsing, the
socket) is not in it, and under wrk it narrows the gap.
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.pages import django_shell, manage  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "instructions"
FEW, MANY = 5, 25

# Run inside `manage.py shell`: REPEAT renders after purge() (RENDER=1) or cached hits.
WORKLOAD = """
import io, os, sys
from django.test import Client
from articles.delivery.version import content_version, purge
path, repeat = os.environ["BENCH_PATH"], int(os.environ["REPEAT"])
if os.environ["RENDER"] == "1":
    client = Client(HTTP_USER_AGENT="curl/8", HTTP_HOST="127.0.0.1")  # curl: not counted
    def once():
        purge()  # as an edit does
        content_version()  # worked out once per edit, by whichever page comes first
        client.get(path)
else:
    from newsroom.wsgi import application  # what gunicorn serves
    def once():
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
                   "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "REMOTE_ADDR": "127.0.0.1",
                   "HTTP_USER_AGENT": "Mozilla/5.0 (bench)", "wsgi.input": io.BytesIO(b""),
                   "wsgi.url_scheme": "http", "wsgi.errors": sys.stderr}
        body = application(environ, lambda status, headers, exc_info=None: None)
        b"".join(body)
        body.close()
purge()  # every process starts from the same state: nothing cached by the one before
for _ in range(60):  # past the worker's warm-up freeze (newsroom/long_lived.py)
    once()
for _ in range(repeat):
    once()
"""


def instructions(env, path, render, repeat):
    run = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            WORKLOAD,
        ],
        cwd=ROOT,
        env=env | {"BENCH_PATH": path, "RENDER": "1" if render else "0", "REPEAT": str(repeat)},
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in run.stderr.splitlines() if "I   refs:" in line)
    return int(line.split(":")[1].replace(",", ""))


def per_request(env, path, render):
    return (instructions(env, path, render, MANY) - instructions(env, path, render, FEW)) / (MANY - FEW)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    if not shutil.which("valgrind"):
        sys.exit("valgrind not found: apt-get install valgrind")
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    env = os.environ | {
        "SECRET_KEY": "bench-only",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(ROOT),
        "PYTHONHASHSEED": "0",  # the same dict and set layouts in every process
        "VAR_DIR": str(OUT),
        "STATIC_ROOT": str(OUT / "static"),
        "REDIS_URL": "",
        "DATABASE_URL": "",
        "VIEWS_PER_ADDRESS": "0",
        "VIEW_FLUSH_SECONDS": "3600",  # no flush thread in the middle of a count
        # Nothing expires while valgrind runs 50 times slower than usual.
        "PAGE_CACHE_SECONDS": "86400",
        "POPULAR_SECONDS": "86400",
    }
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    article_path, category_path, tag_path = django_shell(
        env, f"from bench.pages import seed; seed({args.articles})"
    ).split()[1:4]
    static = per_request(env, "/static/css/site.css", render=False)
    print(f"static file through whitenoise: {static / 1e6:.2f} M instructions a request")
    for name, path in [
        ("article", article_path),
        ("home", "/"),
        ("category", category_path),
        ("tag", tag_path),
    ]:
        render = per_request(env, path, render=True)
        hit = per_request(env, path, render=False)
        print(
            f"{name:>8}: render after an edit {render / 1e6:6.1f} M; "
            f"cached hit {hit / 1e6:.2f} M = {static / hit:.2f} of static"
        )


if __name__ == "__main__":
    main()
