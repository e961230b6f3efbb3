"""Content-Security-Policy: strict on public pages; the admin's two allowances stay in the admin."""

import base64
import hashlib
import re

import pytest
from django.urls import reverse

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_public_pages_allow_no_inline_code_and_no_base_element(client):
    article = make_article("标题")
    for url in ("/", article.get_absolute_url(), reverse("articles:search") + "?q=x", "/no-such-page/"):
        policy = directives(client.get(url))
        assert policy["base-uri"] == ["'none'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]


def test_the_admin_editor_may_run_exactly_its_import_map(editor_client):
    response = editor_client.get(reverse("admin:articles_article_add"))
    import_map = re.search(
        rb'<script type="importmap"[^>]*>(.*?)</script>', response.content, re.DOTALL
    ).group(1)
    digest = base64.b64encode(hashlib.sha256(import_map).digest()).decode()
    policy = directives(response)
    assert policy["script-src"] == ["'self'", f"'sha256-{digest}'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["base-uri"] == ["'none'"]
