"""The template tags public pages are built from."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from articles.templatetags.newsroom import article_body, language_links
from tests.factories import make_article, make_figures, uploaded_image

pytestmark = pytest.mark.django_db


def test_figures_go_where_their_markers_are_and_the_rest_follow_the_body():
    article = make_article(body="<p>开头</p><p>[图2]</p><p>中间</p><p>[图9]</p><p>[图2]</p>")
    make_figures(article, 3)
    html = str(article_body(article))
    order = [html.index(text) for text in ("开头", "说明2", "中间", "说明1", "说明3")]
    assert order == sorted(order)
    assert html.count("说明2") == 1  # a figure is placed once; a repeated marker is dropped
    assert "[图9]" not in html and "[图2]" not in html  # markers for missing figures vanish


def test_a_marker_inside_running_text_is_left_as_text():
    article = make_article(body="<p>见[图1]所示</p>")
    make_figures(article, 1)
    html = str(article_body(article))
    assert "<p>见[图1]所示</p>" in html
    assert html.index("说明1") > html.index("所示")


def test_language_links_point_to_the_same_page_in_each_language():
    request = RequestFactory().get("/tags/%E7%A8%BB%E7%94%B0/?page=2")
    request.LANGUAGE_CODE = "zh-hans"
    links = language_links(Context({"request": request}))
    assert [(code, url, current) for code, _, url, current in links] == [
        ("zh-hans", "/tags/%E7%A8%BB%E7%94%B0/?page=2", True),
        ("en", "/en/tags/%E7%A8%BB%E7%94%B0/?page=2", False),
    ]


def test_picture_gives_webp_and_fallback_srcsets_with_the_largest_size():
    article = make_article(cover_image=uploaded_image("wide.png", size=(700, 400)))
    html = Template(
        "{% load newsroom %}{% picture article.cover_image article.cover_renditions alt='封面' %}"
    ).render(Context({"article": article}))
    stem = article.cover_image.name.removesuffix(".png")
    assert f'srcset="/media/renditions/{stem}-320w.webp 320w, /media/renditions/{stem}-640w.webp 640w' in html
    assert 'width="700" height="400" alt="封面" loading="lazy"' in html
