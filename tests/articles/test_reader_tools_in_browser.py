"""The article tools as a reader's browser shows them: text size, print, dark mode."""

import pytest
from django.conf import settings

from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


def style(page, selector, prop, pseudo=None):
    return page.evaluate(
        "([s, p, pseudo]) => getComputedStyle(document.querySelector(s), pseudo).getPropertyValue(p)",
        [selector, prop, pseudo],
    )


def test_text_size_print_and_dark_mode(live_server, browser_page):
    article = make_article("稻田丰收", body="<p>正文。</p>")
    expected_url = settings.NEWSROOM_SITE_URL + article.get_absolute_url()
    page = browser_page
    page.goto(live_server.url + article.get_absolute_url())
    assert style(page, ".article-body", "font-size") == "17.28px"  # 中: the stylesheet's 1.08rem
    page.click("label[for=text-size-large]")  # no JavaScript involved: a radio button and CSS
    assert style(page, ".article-body", "font-size") == "20px"
    page.click("label[for=text-size-small]")
    assert style(page, ".article-body", "font-size") == "14.4px"
    assert page.is_visible("[data-print]")  # shown only where JavaScript runs
    page.emulate_media(media="print")
    assert style(page, ".site-header", "display") == "none"
    assert style(page, ".share", "display") == "none"
    assert style(page, ".article", "content", "::after") == f'"本文网址 / Address: {expected_url}"'
    page.emulate_media(media="screen", color_scheme="dark")
    assert style(page, "html", "background-color") == "rgb(21, 25, 29)"
    page.emulate_media(media="screen", color_scheme="light")
    assert style(page, "html", "background-color") == "rgb(255, 255, 255)"
