"""SENTRY_DSN: errors go to Sentry (or GlitchTip) without personal data; without it, nothing is loaded."""

import json

from tests.newsroom.fresh_process import python_with

CODE = """
import json, sys, django
django.setup()
loaded = "sentry_sdk" in sys.modules
client = sys.modules["sentry_sdk"].get_client() if loaded else None
print(json.dumps({
    "loaded": loaded,
    "active": bool(client and client.is_active()),
    "dsn": client.dsn if client else None,
    "pii": client.options["send_default_pii"] if client else None,
    "traces": client.options["traces_sample_rate"] if client else None,
}))
"""


def settings_with(**env):
    result = python_with(CODE, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_dsn_turns_on_error_reporting_without_personal_data():
    dsn = "https://public@errors.example.org/3"
    assert settings_with(SENTRY_DSN=dsn) == {
        "loaded": True,
        "active": True,
        "dsn": dsn,
        "pii": False,
        "traces": 0.0,
    }


def test_without_a_dsn_the_sdk_is_not_even_imported():
    assert settings_with() == {"loaded": False, "active": False, "dsn": None, "pii": None, "traces": None}
