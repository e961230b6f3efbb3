"""Static files: collected with hashed names, compressed and cached for a year by whitenoise."""

import json

import pytest
from django.core.management import call_command
from django.test import Client

PRODUCTION_STATIC_STORAGE = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


@pytest.fixture
def collected(settings, tmp_path):
    """collectstatic into a folder of the test's own, with the storage newsroom/settings.py uses."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = settings.STORAGES | {"staticfiles": PRODUCTION_STATIC_STORAGE}
    call_command("collectstatic", "--noinput", verbosity=0)
    manifest = json.loads((settings.STATIC_ROOT / "staticfiles.json").read_text())
    return manifest["paths"]


def test_hashed_static_files_are_cached_for_a_year_and_compressed(collected, settings):
    url = settings.STATIC_URL + collected["css/site.css"]
    assert url != settings.STATIC_URL + "css/site.css"
    response = Client().get("/" + url.lstrip("/"), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "gzip"
