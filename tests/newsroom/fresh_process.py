"""Settings are read once, at start-up: tests of environment variables run Python afresh."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What the test run itself points at, which the variable under test must not inherit.
CLEARED = {"DATABASE_URL", "REDIS_URL", "DATABASE_REPLICA_URL", "LOG_FORMAT", "SENTRY_DSN", "MEDIA_URL"}


def python_with(code, timeout=60, **env):
    """Run ``code`` in a new interpreter with the project's settings and ``env`` set."""
    base = {k: v for k, v in os.environ.items() if k not in CLEARED and not k.startswith("AWS_")}
    base |= {"SECRET_KEY": "x", "DEBUG": "0", "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=base | env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
