"""The deployment recipe in docs/deploy/ is real: Debian's nginx accepts the site as written."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy"


def nginx():
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if path is None:
        message = "nginx not found: install Debian's nginx-light to check the nginx site"
        if os.environ.get("NEWSROOM_REQUIRE_NGINX"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def self_signed(folder):
    """A throwaway certificate where certbot's would be (openssl is part of Debian's base)."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(folder / "privkey.pem"), "-out", str(folder / "fullchain.pem"), "-days", "1",
         "-subj", "/CN=news.example.org"],
        check=True, capture_output=True, timeout=30,
    )  # fmt: skip


def test_the_nginx_site_parses_with_debians_nginx(tmp_path):
    binary = nginx()
    self_signed(tmp_path)
    site = (DEPLOY / "nginx-newsroom.conf").read_text()
    # Only what a test machine cannot have: certbot's certificates and the cache folder.
    site = site.replace("/etc/letsencrypt/live/news.example.org", str(tmp_path))
    site = site.replace("/var/cache/nginx/newsroom", str(tmp_path / "cache"))
    (tmp_path / "newsroom.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n  include {tmp_path}/newsroom.conf;\n}}\n"
    )
    result = subprocess.run(
        [binary, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "test is successful" in result.stderr


def test_the_units_run_the_commands_the_readme_documents():
    service = (DEPLOY / "newsroom.service").read_text()
    assert "ExecStart=/srv/newsroom/.venv/bin/gunicorn newsroom.wsgi" in service
    assert "EnvironmentFile=/etc/newsroom/env" in service
    backup = (DEPLOY / "newsroom-backup.service").read_text()
    assert "manage.py backup" in backup and "OnCalendar=" in (DEPLOY / "newsroom-backup.timer").read_text()
