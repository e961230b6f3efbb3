"""Whatever HTML arrives, what is stored and shown is safe."""

import pytest

from articles.integrity.sanitize import clean_body_html
from tests.factories import make_article

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert(1)</script><p>ok</p>",
    '<p onclick="alert(1)">ok</p>',
    "<img src=x onerror=alert(1)><p>ok</p>",
    '<p><a href="javascript:alert(1)">ok</a></p>',
    '<p><a href="JaVaScRiPt:alert(1)">ok</a></p>',
    '<iframe src="https://evil.example/"></iframe><p>ok</p>',
    '<p style="background:url(javascript:alert(1))">ok</p>',
    "<svg><script>alert(1)</script></svg><p>ok</p>",
    '<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">ok</a></p>',
    '<object data="x.swf"></object><p>ok</p>',
    "<p>ok</p><!-- <script>alert(1)</script> -->",
    '<form action="https://evil.example"><input name=x></form><p>ok</p>',
]


@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_html_is_neutralised_on_save(html):
    article = make_article(body=html)
    article.refresh_from_db()
    stored = article.body.lower()
    for marker in (
        "<script",
        "onerror",
        "onclick",
        "javascript:",
        "<iframe",
        "style=",
        "<svg",
        "data:",
        "<object",
        "<form",
        "<!--",
    ):
        assert marker not in stored
    assert "ok" in stored


def test_editorial_formatting_survives():
    html = (
        '<h2>标题</h2><p><strong>粗</strong> <em>斜</em> <a href="https://example.org/x">链接</a></p>'
        "<ul><li>一</li></ul><blockquote><p>引</p></blockquote>"
    )
    cleaned = clean_body_html(html)
    assert "<h2>标题</h2>" in cleaned
    assert "<strong>粗</strong>" in cleaned and "<em>斜</em>" in cleaned
    assert 'href="https://example.org/x"' in cleaned and 'rel="noopener noreferrer nofollow"' in cleaned
    assert "<ul><li>一</li></ul>" in cleaned and "<blockquote>" in cleaned


def test_an_empty_editor_stores_an_empty_body():
    assert clean_body_html("<p></p>") == ""


@pytest.mark.django_db
def test_characters_xml_cannot_carry_are_dropped_on_save():
    from articles.models import Category, Image
    from tests.factories import make_article, make_image

    article = make_article("标\x00题\x1b", summary="摘\ufffe要", source="来\x08源", body="<p>正\x0c文</p>")
    figure = make_image(title="图\x03片", caption="图\x01注", alt_text="替\x02代")
    category = Category.objects.create(name="镇\x00街", slug="town-x")
    article.refresh_from_db()
    assert (article.title, article.summary, article.source, article.body) == (
        "标题",
        "摘要",
        "来源",
        "<p>正文</p>",
    )
    assert Image.objects.filter(pk=figure.pk).values_list("title", "caption", "alt_text").get() == (
        "图片",
        "图注",
        "替代",
    )
    assert Category.objects.get(pk=category.pk).name == "镇街"
