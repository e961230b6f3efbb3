"""The sanitiser keeps exactly the figure markup the editor makes, and nothing else."""

import pytest

from articles.images.markers import place_figures
from articles.integrity.sanitize import clean_body_html

EDITOR_FIGURE = (
    '<figure class="figure"><img src="/media/images/a.jpg" alt="稻田" data-file="3">'
    '<figcaption class="figure-caption">西三合村的<strong>稻田</strong></figcaption></figure>'
)


def test_the_editors_figure_is_kept_exactly():
    assert clean_body_html(EDITOR_FIGURE) == EDITOR_FIGURE


@pytest.mark.parametrize(
    ("hostile", "kept"),
    [
        (
            '<figure class="figure wide" style="float:left" onclick="x()"><img src="/a.jpg" alt="a" data-file="3"></figure>',
            '<figure class="figure"><img src="/a.jpg" alt="a" data-file="3"></figure>',
        ),
        (
            '<figure class="figure"><img src="/a.jpg" alt="a" data-file="3" onerror="x()" width="9999" title="t" srcset="//evil/x 1x"></figure>',
            '<figure class="figure"><img src="/a.jpg" alt="a" data-file="3"></figure>',
        ),
        (
            '<figure class="figure"><img src="javascript:alert(1)" data-file="3"><figcaption class="figure-caption evil">c<script>x()</script></figcaption></figure>',
            '<figure class="figure"><img data-file="3"><figcaption class="figure-caption">c</figcaption></figure>',
        ),
        ('<figure><iframe src="https://casino.example"></iframe></figure>', "<figure></figure>"),
    ],
    ids=["figure-attributes", "img-attributes", "script-and-scheme", "iframe"],
)
def test_anything_else_on_figures_is_dropped(hostile, kept):
    assert clean_body_html(hostile) == kept


def test_old_markers_become_figures_where_they_stood_and_the_rest_follow():
    figures = ["<figure>1</figure>", "<figure>2</figure>", "<figure>3</figure>"]
    body = "<p>开头</p><p>[图2]</p><p>中间</p><p>[图9]</p><p>[figure 2]</p><p>见[图1]所示</p>"
    assert place_figures(body, figures) == (
        "<p>开头</p><figure>2</figure><p>中间</p><p>见[图1]所示</p><figure>1</figure><figure>3</figure>"
    )


@pytest.mark.django_db
def test_a_saved_figure_is_already_what_the_sanitiser_makes_of_it():
    from articles.images.figures import figure_html
    from articles.integrity.scanner import scan_article
    from tests.factories import make_article, make_image

    image = make_image(alt_text="Tom's & Jerry's \u00a0<photo>", caption='“引号” & "quotes"')
    article = make_article(body=figure_html(image, caption_html="图注 &amp; 说明"))
    assert clean_body_html(article.body) == article.body
    assert [f.kind for f in scan_article(article)] == []
