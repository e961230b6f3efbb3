"""The XSS corpus's oracle must itself catch what a browser would run."""

import pytest

from tests.html_safety import runnable_markup


@pytest.mark.parametrize(
    "html",
    [
        "<img src=x onerror=alert(1)>",
        '<a href="java&#x09;script:alert(1)">x</a>',
        '<a href=" &#106;avascript:alert(1)">x</a>',
        "<svg><animate onbegin=alert(1)>",
        "<script>alert(1)</script>",
        '<iframe src="data:text/html,x">',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<form action="https://evil.example"><button>x</button></form>',
        '<p style="width:expression(alert(1))">x</p>',
        '<link rel="import" href="/x">',
    ],
)
def test_runnable_markup_is_caught(html):
    assert runnable_markup(html, {"form", "button", "link", "meta"}) != []


@pytest.mark.parametrize(
    "html",
    [
        "&lt;img src=x onerror=alert(1)&gt;",
        '<a href="/articles/1/">文章</a> <img src="/media/a.webp" alt="onerror=alert(1)">',
        '<form action="/search/"><button>搜索</button></form>',
        '<link rel="stylesheet" href="/static/site.css">',
        '<script src="/static/js/print.js" defer></script>',
        '<script type="application/ld+json">{"headline":"\\u003C/script\\u003E"}</script>',
    ],
)
def test_escaped_text_and_our_own_markup_pass(html):
    assert runnable_markup(html, {"form", "button", "link", "meta"}) == []
