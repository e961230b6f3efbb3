"""The newsroom's day in Chromium: a writer drafts, an editor and a chief editor approve, readers read.

Each person has a browser context of their own, as they would have a browser of their own.
"""

import os
from pathlib import Path

import pytest
from taggit.models import Tag

from articles.models import Article
from articles.workflow.roles import ReviewerRole
from tests.factories import (
    make_article,
    make_category,
    make_chief,
    make_editor,
    make_image,
    make_writer,
    uploaded_image,
)

PASSWORD = "correct horse battery staple"
READER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"
)
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logged_in(browser, live_server, username):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#editorial-queue")
    return page


def press(page, transition, comment=None):
    """Press a workflow button on the open change form and wait for the admin's message."""
    if comment is not None:
        page.fill(f"#comment-{transition}", comment)
    page.click(f"button[data-transition={transition}]")
    page.wait_for_selector(".messagelist li")


def test_writer_editor_and_chief_take_an_article_live_and_an_edit_waits_for_approval(
    live_server, browser_page, tmp_path
):
    browser = browser_page.context.browser
    shots = Path(os.environ.get("NEWSROOM_SCREENSHOTS") or tmp_path)
    make_category(
        "镇街动态",
        slug="town",
        review_levels=2,
        level_1_role=ReviewerRole.EDITOR,
        level_2_role=ReviewerRole.CHIEF,
    )
    Tag.objects.create(name="乡村振兴")
    make_writer(password=PASSWORD), make_editor(password=PASSWORD), make_chief(password=PASSWORD)
    rice = make_image(
        title="西三合村稻田航拍",
        alt_text="金黄的稻田",
        caption="西三合村的稻田",
        file=uploaded_image("rice.png", size=(700, 400)),
    )
    make_image(title="学校运动会")

    writer = logged_in(browser, live_server, "writer")
    writer.goto(f"{live_server.url}/admin/articles/article/add/")
    writer.fill("#id_title", "西三合村稻田迎来丰收")
    writer.click(".field-category .select2-selection")  # the admin's autocomplete widget
    writer.fill(".select2-search__field", "镇街")
    writer.click(".select2-results__option:has-text('镇街动态')")
    writer.locator("#id_tags").press_sequentially("稻田, 乡村")
    suggestions = writer.eval_on_selector_all("#id_tags_list option", "options => options.map(o => o.value)")
    assert suggestions == ["稻田, 乡村振兴"]  # an existing tag, completing what was typed
    writer.fill("#id_tags", suggestions[0])
    writer.locator(".ProseMirror[contenteditable=true]").click()
    writer.keyboard.type("今年的稻田长势喜人。")
    # The figure button: its dialog's "Browse..." opens the library's chooser in a window.
    writer.click(".prose-menubar__button[title=figure]")
    with writer.expect_popup() as opened:
        writer.click(".prose-editor-dialog button:has-text('Browse')")
    chooser = opened.value
    chooser.fill("#chooser-q", "稻田")
    chooser.click(".chooser-search input[type=submit]")
    assert chooser.locator(".chooser-pick").count() == 1  # the sports day photo does not match
    chooser.screenshot(path=str(shots / "admin-image-chooser.png"), full_page=True)
    chooser.click(f"[data-choose='{rice.pk}']")
    dialog = writer.locator(".prose-editor-dialog")
    assert dialog.locator("input[name=altText]").input_value() == "金黄的稻田"
    assert dialog.locator("input[name=caption]").input_value() == "西三合村的稻田"
    dialog.locator("button[type=submit]").click()
    assert (
        writer.locator(".ProseMirror figure img").get_attribute("src") == rice.file.url
    )  # shown as the image
    assert writer.locator("button[data-transition=publish]").count() == 0  # a writer cannot publish
    writer.click("input[name=_continue]")
    writer.wait_for_selector(".messagelist .success")
    article = Article.objects.get()
    assert (article.status, sorted(article.tags.names())) == ("draft", ["乡村振兴", "稻田"])
    assert article.slug == "xi-san-he-cun-dao-tian-ying-lai-feng-shou"  # the title in pinyin
    assert list(article.figures.values_list("image", flat=True)) == [rice.pk]
    press(writer, "submit")
    assert writer.inner_text("[data-state]") == "审核中 （第 1 审，共 2 审）"
    writer.screenshot(path=str(shots / "admin-writer-submitted.png"), full_page=True)

    editor = logged_in(browser, live_server, "editor")
    assert editor.inner_text("[data-queue=review]").startswith("西三合村稻田迎来丰收")
    editor.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    press(editor, "approve", "一审通过")
    assert editor.inner_text("[data-state]") == "审核中 （第 2 审，共 2 审）"
    assert editor.locator("button[data-transition=approve]").count() == 0  # the last level is the chief's

    chief = logged_in(browser, live_server, "chief")
    chief.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    press(chief, "approve")
    assert chief.inner_text("[data-state]") == "已上线"

    reader = browser.new_page(user_agent=READER_AGENT)
    reader.goto(live_server.url + article.get_absolute_url())
    assert reader.inner_text("h1") == "西三合村稻田迎来丰收"
    assert "今年的稻田长势喜人。" in reader.inner_text(".article-body")
    assert reader.inner_text("figcaption").startswith("图1 西三合村的稻田")
    assert reader.get_attribute("figure picture img", "alt") == "金黄的稻田"
    webp = reader.get_attribute("figure picture source[type='image/webp']", "srcset")
    assert webp.startswith(f"/media/renditions/{rice.file.name.removesuffix('.png')}-320w.webp 320w")
    assert reader.inner_text("[data-views]") == "1"
    reader.screenshot(path=str(shots / "article.png"), full_page=True)

    # The writer edits the live article: a new draft, invisible to readers until approved.
    writer.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    writer.click("button[data-transition=new-draft]")
    writer.wait_for_selector("#id_title")
    writer.fill("#id_title", "西三合村稻田喜获丰收")
    writer.click("input[name=_continue]")
    writer.wait_for_selector(".messagelist .success")
    press(writer, "submit")
    reader.goto(live_server.url + article.get_absolute_url())
    assert reader.inner_text("h1") == "西三合村稻田迎来丰收"
    reader.goto(f"{live_server.url}/search/?q=喜获")
    assert reader.inner_text(".result-count") == "“喜获”共 0 条结果"

    copy = Article.objects.get(draft_of=article)
    editor.goto(f"{live_server.url}/admin/articles/article/{copy.pk}/change/")
    press(editor, "approve")
    chief.goto(f"{live_server.url}/admin/articles/article/{copy.pk}/change/")
    press(chief, "approve")
    reader.goto(live_server.url + article.get_absolute_url())
    assert reader.inner_text("h1") == "西三合村稻田喜获丰收"
    assert list(Article.objects.values_list("pk", flat=True)) == [article.pk]  # the copy merged and went


def test_two_editors_save_the_same_draft_and_the_second_sees_the_first_ones_changes(
    live_server, browser_page
):
    browser = browser_page.context.browser
    make_editor("first", password=PASSWORD), make_editor("second", password=PASSWORD)
    article = make_article(
        "镇里召开安全生产会议", body="<p>会议部署了汛期安全工作。</p>", status=Article.Status.DRAFT
    )
    url = f"{live_server.url}/admin/articles/article/{article.pk}/change/"
    first, second = logged_in(browser, live_server, "first"), logged_in(browser, live_server, "second")
    first.goto(url)
    second.goto(url)

    first.fill("#id_title", "镇里召开汛期安全生产会议")
    first.click("input[name=_continue]")
    first.wait_for_selector(".messagelist .success")

    second.fill("#id_summary", "第二位编辑写的摘要")
    second.click("input[name=_continue]")
    second.wait_for_selector("[data-stale-changes]")
    assert second.inner_text("[data-stale-changes] ins") == "汛期"
    assert second.input_value("#id_summary") == "第二位编辑写的摘要"  # their input is kept
    assert (
        second.input_value("#id_title") == "镇里召开安全生产会议"
    )  # as they opened it: nothing merged silently
    second.fill("#id_title", "镇里召开汛期安全生产会议")  # they take the first editor's title over
    second.click("input[name=_continue]")
    second.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert (article.title, article.summary) == ("镇里召开汛期安全生产会议", "第二位编辑写的摘要")
