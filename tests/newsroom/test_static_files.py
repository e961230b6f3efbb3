"""Static files: compressed and cached for a year by whitenoise, as collectstatic left them."""

import json

import pytest
from django.conf import settings
from django.test import Client

PRODUCTION_STATIC_STORAGE = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}


@pytest.fixture
def hashed_stylesheet():
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    if not manifest.exists():
        pytest.skip("run collectstatic first (make test does)")
    return settings.STATIC_URL + json.loads(manifest.read_text())["paths"]["css/site.css"]


def test_hashed_static_files_are_cached_for_a_year_and_compressed(hashed_stylesheet, settings):
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": PRODUCTION_STATIC_STORAGE
    }  # as in newsroom/settings.py
    response = Client().get(hashed_stylesheet, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert "max-age=315360000" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
    assert response["Content-Encoding"] in {"br", "gzip"}
