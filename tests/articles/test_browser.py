"""An editor publishes through the real admin in Chromium; a visitor reads the result."""

import os
from pathlib import Path

import pytest
from taggit.models import Tag

from articles.models import Article
from tests.factories import image_bytes, make_category, make_editor

READER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"
)
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_publishes_article_with_image_and_tags_and_a_visitor_reads_it(
    live_server,
    browser_page,
    tmp_path,
):
    page = browser_page
    shots = Path(os.environ.get("NEWSROOM_SCREENSHOTS") or tmp_path)
    make_category("镇街动态", slug="town")
    Tag.objects.create(name="乡村振兴")
    make_editor(password="correct horse battery staple")
    photo = tmp_path / "rice.png"
    photo.write_bytes(image_bytes("PNG", size=(320, 200)))

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "correct horse battery staple")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    page.fill("#id_title", "西三合村稻田迎来丰收")
    page.press(
        "#id_title", "Tab"
    )  # an IME commits Chinese text without key events; the change event fills the slug
    assert page.input_value("#id_slug") == "西三合村稻田迎来丰收"  # prefilled from the title
    page.click(".field-category .select2-selection")  # the admin's autocomplete widget
    page.fill(".select2-search__field", "镇街")
    page.click(".select2-results__option:has-text('镇街动态')")
    page.locator("#id_tags").press_sequentially("稻田, 乡村")
    suggestions = page.eval_on_selector_all("#id_tags_list option", "options => options.map(o => o.value)")
    assert suggestions == ["稻田, 乡村振兴"]  # an existing tag, completing what was typed
    page.fill("#id_tags", suggestions[0])
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.type("今年的稻田长势喜人。")
    page.select_option("#id_status", "published")
    page.set_input_files("#id_images-0-image", str(photo))
    page.fill("#id_images-0-alt_text", "金黄的稻田")
    page.fill("#id_images-0-caption", "西三合村的稻田")
    page.screenshot(path=str(shots / "admin-form.png"), full_page=True)
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    article = Article.objects.get()
    assert article.is_published and sorted(article.tags.names()) == ["乡村振兴", "稻田"]

    # An ordinary second edit through the rendered form goes through (no false "someone else saved").
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.fill("#id_summary", "稻田丰收，村民分得新米。")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.summary == "稻田丰收，村民分得新米。"

    # A reader's browser: a fresh context (not logged in) with an ordinary, non-headless User-Agent.
    visitor = page.context.browser.new_page(user_agent=READER_AGENT)
    visitor.goto(live_server.url + article.get_absolute_url())
    assert visitor.inner_text("h1") == "西三合村稻田迎来丰收"
    assert "今年的稻田长势喜人。" in visitor.inner_text(".article-body")
    assert visitor.inner_text("figcaption").startswith("图1 西三合村的稻田")
    assert visitor.get_attribute("figure img", "alt") == "金黄的稻田"
    assert visitor.inner_text("[data-views]") == "1"
    visitor.screenshot(path=str(shots / "article.png"), full_page=True)
