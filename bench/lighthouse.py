"""Lighthouse (mobile) on the demo's article page: performance, accessibility, best practices
and SEO, each against the target of 95.

Installs Lighthouse (pinned) with npm into bench/out/tools, builds a scratch demo site of
its own in bench/out/lighthouse (SQLite, removed first), serves it with gunicorn and runs
Lighthouse in Debian's Chromium. Run: python bench/lighthouse.py
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
LIGHTHOUSE = "lighthouse@12.8.2"
TARGET = 95
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    tools, site = OUT / "tools", OUT / "lighthouse"
    chromium = shutil.which("chromium")
    if not (shutil.which("npm") and chromium):
        sys.exit("needs npm and Debian's chromium")
    binary = tools / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(tools),
                LIGHTHOUSE,
                "--no-audit",
                "--no-fund",
                "--ignore-scripts",
            ],
            check=True,
        )
    shutil.rmtree(site, ignore_errors=True)
    env = os.environ | {"SECRET_KEY": "bench-only", "DEBUG": "0", "VAR_DIR": str(site), "STATIC_ROOT": str(site / "static"),
                        "DATABASE_URL": "", "REDIS_URL": "", "PYTHONPATH": str(ROOT)}  # fmt: skip
    for command in (
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput"],
        ["load_demo", "--readers", "0"],
    ):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/articles/2/autumn-harvest-rice/"
        for _ in range(100):
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                time.sleep(0.1)
        report = site / "lighthouse.json"
        flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
        subprocess.run(
            [str(binary), url, "--quiet", f"--chrome-flags={flags}", f"--only-categories={','.join(CATEGORIES)}",
             "--output=json", f"--output-path={report}"],
            env=os.environ | {"CHROME_PATH": chromium}, check=True,
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait(10)
    scores = {
        name: round(category["score"] * 100)
        for name, category in json.loads(report.read_text())["categories"].items()
    }
    print(f"Lighthouse {LIGHTHOUSE.split('@')[1]}, mobile, article page (target >= {TARGET} each):")
    for name in CATEGORIES:
        print(f"  {name:15} {scores[name]:3}  {'ok' if scores[name] >= TARGET else 'BELOW TARGET'}")


if __name__ == "__main__":
    main()
