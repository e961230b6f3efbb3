"""A site of its own under real gunicorn, for tests that need several worker processes."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_environment(var, **extra):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    return clean | {
        "SECRET_KEY": "live-site-test",
        "DEBUG": "0",
        "VAR_DIR": str(var),
        "STATIC_ROOT": str(var / "static"),
        "LOGIN_ATTEMPTS_PER_MINUTE": "0",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


def prepared_site(var, **extra):
    """A migrated site with static files and the four staff logins; returns its environment."""
    env = site_environment(var, **extra)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "ensure_staff", "--password-dir", str(var / "logins"))
    return env


@contextmanager
def gunicorn(env, workers=3):
    """Serve the site; yields (base URL, the gunicorn master process)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--workers", str(workers), "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        yield base, process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(10)
