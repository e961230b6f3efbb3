"""Accessibility and validity, measured by the tools site owners use: axe-core in Chromium
and the Nu Html Checker (vnu), on every kind of public page, in both languages, at desktop
and phone widths. The checkers come from tools/package.json (`make tools`)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from tests.browser import chromium_path
from tests.factories import make_article, make_category, make_figures

pytestmark = pytest.mark.django_db(transaction=True)
TOOLS = Path(__file__).parents[2] / "tools" / "node_modules"
AXE = TOOLS / "axe-core" / "axe.min.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def require(path, what):
    if not path.exists():
        message = f"{what} not installed: run `make tools` (needs npm)"
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)


def public_pages():
    news = make_category("新闻中心", slug="news")
    town = make_category("镇街动态", slug="town", parent=news)
    article = make_article("稻田丰收 Rice harvest", town, summary="稻田迎来丰收。", tags=["乡村振兴"])
    make_figures(article, 2)
    make_article("养老服务站启用", town, tags=["乡村振兴"])
    paths = [
        "/",
        news.get_absolute_url(),
        article.get_absolute_url(),
        reverse("articles:tag", kwargs={"slug": "xiang-cun-zhen-xing"}),
        reverse("articles:search") + "?q=稻田",
        reverse("articles:search") + "?q=没有结果的词",
        "/no-such-page/",
    ]
    return paths + ["/en" + path for path in paths] + [reverse("admin:login"), "/en" + reverse("admin:login")]


def test_axe_finds_no_violations_on_any_public_page(live_server):
    require(AXE, "axe-core")
    from playwright.sync_api import sync_playwright

    pages = public_pages()
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    found = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"]
            )
            for width, viewport in WIDTHS.items():
                context = browser.new_context(viewport=viewport, bypass_csp=True)  # to inject axe
                page = context.new_page()
                for path in pages:
                    page.goto(live_server.url + path)
                    page.add_script_tag(path=str(AXE))
                    violations = page.evaluate(
                        "async () => (await axe.run()).violations.map(v => [v.id, v.nodes.map(n => n.target.join(' '))])"
                    )
                    if violations:
                        found[f"{width} {path}"] = violations
                context.close()
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    assert found == {}


def test_the_nu_html_checker_finds_no_errors(tmp_path):
    require(VNU, "vnu.jar")
    java = shutil.which("java")
    if not java:
        pytest.skip("Java not found: the Nu Html Checker needs it (Debian: default-jre-headless)")
    client = Client()
    files = []
    for number, path in enumerate(public_pages()):
        response = client.get(path)
        file = tmp_path / f"page-{number}.html"
        file.write_bytes(response.content)
        files.append((file, path))
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *(str(f) for f, _ in files)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    by_file = {str(f): path for f, path in files}
    errors = [
        (by_file.get(message["url"].removeprefix("file:"), message["url"]), message["message"])
        for message in json.loads(result.stderr or '{"messages": []}')["messages"]
    ]
    assert errors == []
    assert Article.objects.count() == 2
