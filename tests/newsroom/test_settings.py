"""Production settings pass Django's deployment checklist, and refuse to start without a secret."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-secret-" + "x9Q2" * 10,
    "ALLOWED_HOSTS": "news.example.org",
    "HTTPS": "1",
    "DEBUG": "0",
    "SITE_URL": "https://news.example.org",
}


def manage(*args, env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "HTTPS"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_site_url_is_not_the_deployed_site():
    result = manage("check", "--deploy", env=PRODUCTION | {"SITE_URL": "http://127.0.0.1:8000"})
    assert "newsroom.W001" in result.stderr + result.stdout
    assert "SITE_URL should start with https:// when HTTPS=1." in result.stderr + result.stdout
    assert "SITE_URL's host is not in ALLOWED_HOSTS." in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", env={k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_sqlite_synchronous_full_is_applied_to_every_connection(tmp_path):
    code = "from django.db import connection; print(connection.cursor().execute('PRAGMA synchronous').fetchone()[0])"
    env = {"SECRET_KEY": "x", "DEBUG": "0", "VAR_DIR": str(tmp_path), "DATABASE_URL": ""}
    assert manage("shell", "-c", code, env=env | {"SQLITE_SYNCHRONOUS": "FULL"}).stdout.split()[-1] == "2"
    assert manage("shell", "-c", code, env=env).stdout.split()[-1] == "1"  # NORMAL
    refused = manage("check", env=env | {"SQLITE_SYNCHRONOUS": "OFF"})
    assert "SQLITE_SYNCHRONOUS is NORMAL, FULL or EXTRA." in refused.stderr
