"""An article body as plain text: what search snippets, descriptions, spam scans and diffs read."""

import html
import random
from pathlib import Path

import pytest
from django.utils.html import strip_tags

from articles.integrity.sanitize import clean_body_html
from articles.models.articles import BLOCK_END, plain_text

DATA = Path(__file__).parents[2] / "data"
AS_SERVED = DATA / "town-news-article-as-served.txt"


def django_plain_text(body_html):
    """The text Django's HTML parser finds: what plain_text gave before it learned a shortcut."""
    return html.unescape(strip_tags(BLOCK_END.sub("\n", body_html or ""))).strip()


def test_blocks_become_lines_and_entities_characters():
    body = clean_body_html(
        "<h2>稻田 &amp; 河畔</h2><p>收成 &lt;3 成&gt;</p>"
        '<figure class="figure"><img src="/media/a.jpg" alt="a>b 晨雾"><figcaption>图1 稻田</figcaption></figure>'
        "<ul><li>一</li><li>二<br>三</li></ul>"
    )
    assert plain_text(body) == "稻田 & 河畔\n收成 <3 成>\n图1 稻田\n一\n二\n三"


def test_the_town_news_article_reads_as_it_did():
    paragraphs = [line.strip() for line in AS_SERVED.read_text(encoding="utf-8").splitlines() if line.strip()]
    body = clean_body_html("".join(f"<p>{html.escape(line)}</p>" for line in paragraphs))
    assert plain_text(body) == django_plain_text(body)
    assert plain_text(body).splitlines() == paragraphs


@pytest.mark.parametrize(
    "body",
    [
        "<p>a<!-- hidden > comment --> b</p>",  # written around the admin: not sanitised
        "<p>a<3 and b>2</p>",
        "<p title='x>y'>quoted</p> it's",
        "<a b=x'y>text</a> it's <b c=\"z\">bold</b>",
        '<a href="x>text</a> <b>bold</b>',
        "<script>var a = '<b>';</script>after",
        "<![CDATA[ <p>x</p> ]]>tail",
        "<<b>>double<</b>>",
        "<p>&lt;script&gt;&amp;nbsp;</p>",
        "plain text, no tags",
        "",
    ],
)
def test_hostile_or_broken_html_reads_as_django_parses_it(body):
    assert plain_text(body) == django_plain_text(body)


def test_every_xss_payload_reads_as_django_parses_it_raw_and_sanitised():
    payloads = (DATA / "xss-payloads.txt").read_text(encoding="utf-8").splitlines()
    parser_gave_up = 0
    for payload in payloads:
        try:
            expected = django_plain_text(payload)
        except AssertionError:  # Python's parser: "expected name token at '<![><img src=...'"
            parser_gave_up += 1
            assert "<" not in plain_text(payload), payload  # the spam scanner still reads the row
        else:
            assert plain_text(payload) == expected, payload
        cleaned = clean_body_html(payload)
        assert plain_text(cleaned) == django_plain_text(cleaned), cleaned
    assert parser_gave_up == 1


def test_any_mix_of_tags_brackets_quotes_and_entities_reads_as_django_parses_it():
    pieces = ["<p>", "</p>", "<br>", "<img alt=", '"', "'", ">", "<", "a", "稻田", " ", "&lt;", "&amp;", "</li>",
              "<!--", "-->", "<a href='x'>", "</a>", "=", "/", "\n"]  # fmt: skip
    chance = random.Random(2026)
    for _ in range(3000):
        body = "".join(chance.choice(pieces) for _ in range(chance.randint(1, 14)))
        assert plain_text(body) == django_plain_text(body), body
        cleaned = clean_body_html(body)
        assert plain_text(cleaned) == django_plain_text(cleaned), cleaned
