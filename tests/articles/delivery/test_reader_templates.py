"""The helpers readers' pages are built from (the Jinja2 environment, delivery/reader_templates.py)."""

import pytest
from django.template import engines
from django.test import RequestFactory

from articles.delivery.reader_templates import article_body, language_links
from articles.images.figures import figure_html
from tests.factories import make_article, make_image, uploaded_image

pytestmark = pytest.mark.django_db


def render(source, **context):
    return engines["jinja2"].from_string(source).render(context)


def test_figures_render_as_the_library_pictures_numbered_in_body_order_with_credits():
    first, second = make_image(caption="库里的图注", credit="摄影 李明"), make_image(caption="第二张")
    article = make_article(
        body=f"<p>开头</p>{figure_html(second, caption_html='正文里的图注')}<p>中间</p>{figure_html(first)}"
    )
    html = str(article_body(article))
    order = [html.index(text) for text in ("开头", "图1 正文里的图注", "中间", "图2 库里的图注")]
    assert order == sorted(order)
    assert '<span class="credit">摄影 李明</span>' in html
    assert html.count("<picture>") == 2 and "data-file" not in html


def test_language_links_point_to_the_same_page_in_each_language():
    request = RequestFactory().get("/tags/%E7%A8%BB%E7%94%B0/?page=2")
    request.LANGUAGE_CODE = "zh-hans"
    links = language_links(request)
    assert [(code, url, current) for code, _, url, current in links] == [
        ("zh-hans", "/tags/%E7%A8%BB%E7%94%B0/?page=2", True),
        ("en", "/en/tags/%E7%A8%BB%E7%94%B0/?page=2", False),
    ]


def test_picture_gives_webp_and_fallback_srcsets_with_the_largest_size():
    article = make_article(cover=make_image(file=uploaded_image("wide.png", size=(700, 400))))
    html = render("{{ picture(article.cover.file, article.cover.renditions, alt='封面') }}", article=article)
    stem = article.cover.file.name.removesuffix(".png")
    assert f'srcset="/media/renditions/{stem}-320w.webp 320w, /media/renditions/{stem}-640w.webp 640w' in html
    assert 'width="700" height="400" alt="封面" loading="lazy"' in html


def test_picture_markup_is_complete_and_escaped():
    image = make_image(file=uploaded_image("wide.png", size=(700, 400)))
    html = render(
        "{{ picture(image.file, image.renditions, alt=alt, sizes='8rem', lazy=False, css_class='card-thumb') }}",
        image=image,
        alt='"稻田" <b>&',
    )
    stem = image.file.name.removesuffix(".png")
    webp = ", ".join(f"/media/renditions/{stem}-{width}w.webp {width}w" for width in (320, 640))
    fallback = f"/media/renditions/{stem}-320w.png 320w, /media/renditions/{stem}-640w.png 640w, /media/{stem}.png 700w"
    assert html == (
        f'<picture><source type="image/webp" srcset="{webp}, /media/renditions/{stem}-700w.webp 700w" sizes="8rem">'
        f'<img class="card-thumb" src="/media/{stem}.png" srcset="{fallback}" sizes="8rem" width="700" height="400" '
        'alt="&quot;稻田&quot; &lt;b&gt;&amp;" decoding="async"></picture>'
    )


def test_an_image_without_renditions_is_a_plain_lazy_img():
    image = make_image()
    html = render("{{ picture(image.file, renditions) }}", image=image, renditions=[])
    assert (
        html
        == f'<picture><img src="/media/{image.file.name}" alt="" loading="lazy" decoding="async"></picture>'
    )


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_a_page_links_to_itself_in_each_language(client, settings, prefix):
    """hreflang alternates in the head and language links in the footer, from either
    language's page: the same route, a non-ASCII slug kept encoded, the query kept."""
    article = make_article("稻田丰收", tags=["稻田"])
    tag = article.tags.get()
    tag.slug = "稻田"
    tag.save()
    html = client.get(f"{prefix}/tags/%E7%A8%BB%E7%94%B0/?page=1&utm_source=x").content.decode()
    site, path = settings.NEWSROOM_SITE_URL, "/tags/%E7%A8%BB%E7%94%B0/"
    for code, url in (("zh-hans", path), ("en", "/en" + path), ("x-default", path)):
        assert f'<link rel="alternate" hreflang="{code}" href="{site}{url}">' in html
    other, url = ("en", "/en" + path) if prefix == "" else ("zh-hans", path)
    assert f'<a href="{url}?page=1&amp;utm_source=x" lang="{other}" hreflang="{other}">' in html
