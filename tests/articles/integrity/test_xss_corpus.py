"""Thousands of XSS payloads through the admin's real save path, into every text field, then
every public page and the feed checked structurally: nothing a browser would run survives.

Payloads: payloadbox/xss-payload-list (6,613, MIT, tests/data/xss-payloads.LICENSE) plus
variants generated here (case, whitespace and control characters inside the scheme,
entity-encoded, full-width brackets, inside attributes and comments).
"""

import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.integrity.sanitize import clean_body_html
from articles.models import Article
from articles.workflow import transitions
from tests.articles.admin.form_data import article_form_data, with_figure
from tests.factories import make_category, make_chief, make_image
from tests.html_safety import runnable_markup

pytestmark = pytest.mark.django_db
PAYLOADS = Path(__file__).parents[2] / "data" / "xss-payloads.txt"
OUR_PAGE_ELEMENTS = {"form", "button", "link", "meta"}  # the site's own search form and head
BATCH = 40


def generated_variants():
    bases = ["alert(1)", "alert`1`", "prompt(document.domain)", "eval(atob('YWxlcnQoMSk='))"]
    schemes = [
        "javascript:",
        "JaVaScRiPt:",
        "java\tscript:",
        "java\nscript:",
        "&#106;avascript:",
        "\x01javascript:",
        " javascript:",
        "jav&#x09;ascript:",
        "vbscript:",
        "data:text/html,<script>",
    ]
    shapes = [
        '<a href="{s}{b}">x</a>', "<img src=x onerror={b}>", '<svg onload="{b}">', "<iframe src={s}{b}>",
        '<p style="background:url({s}{b})">x</p>', "<!--<img src=--><img src=x onerror={b}//-->",
        '"><script>{b}</script>', "'><img src=x onerror={b}>", "＜script＞{b}＜/script＞", '<math><mi xlink:href="{s}{b}">x</mi></math>',
        '<details open ontoggle="{b}">', '<a href="{s}{b}" title="x">链接</a>', "<body onload={b}>",
    ]  # fmt: skip
    return [shape.format(s=s, b=b) for shape, s, b in itertools.product(shapes, schemes, bases)]


def payloads():
    listed = [line for line in PAYLOADS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return listed + generated_variants()


def fitting(texts, limit):
    """Payloads joined with spaces, as many as fit in ``limit`` characters."""
    joined = ""
    for text in texts:
        if len(joined) + len(text) + 1 > limit:
            break
        joined = f"{joined} {text}" if joined else text
    return joined or texts[0][:limit]


def save_through_admin(client, category, batch, number):
    tags = [p for p in batch if len(p) < 90 and "," not in p and p.strip()][:3]
    data = article_form_data(
        category,
        title=fitting(batch, 200),
        summary=fitting(batch[1:], 1000),
        meta_description=fitting(batch[2:], 300),
        source=fitting(batch[3:], 100),
        body="".join(f"<p>{p}</p>" for p in batch),
        tags=", ".join(f'"{t}"' for t in tags),
        slug=f"xss-{number}",
    )
    image = make_image(  # the library's own texts are plain text, shown on every page using it
        title=fitting(batch[6:], 200),
        alt_text=fitting(batch[4:], 250),
        caption=fitting(batch[5:], 500),
        credit=fitting(batch[7:], 100),
    )
    # The figure's alt text and caption are the body's (HTML, through the sanitiser).
    data = with_figure(data, image, alt_text=fitting(batch[8:], 250), caption=batch[9])
    response = client.post(reverse("admin:articles_article_add"), data)
    if response.status_code == 200 and "<img" in clean_body_html(data["body"].replace(image.file.url, "")):
        # An image not from the library is refused with a message; the editor removes it.
        errors = response.context["adminform"].form.errors.as_data()
        assert [(field, [e.code for e in found]) for field, found in errors.items()] == [
            ("body", ["outside_library"])
        ]
        data["body"] = re.sub(
            r"<(?:img|image)\b(?![^>]*data-file)", "<span", data["body"], flags=re.IGNORECASE
        )
        response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )
    return Article.objects.get(slug=f"xss-{number}")


def test_no_payload_survives_as_runnable_markup_on_any_page_or_in_the_feed(client):
    corpus = payloads()
    assert len(corpus) > 6000
    chief = make_chief()
    client.force_login(chief)
    category = make_category("专题", slug="topic", review_levels=0)
    category.name = corpus[7][:100]  # category names are plain text like titles: rendered on every page
    category.save()
    articles = []
    for number, start in enumerate(range(0, len(corpus), BATCH)):
        article = save_through_admin(client, category, corpus[start : start + BATCH], number)
        articles.append(transitions.perform("publish", article, chief))
    client.logout()
    problems = {}

    def check(url, allowed=OUR_PAGE_ELEMENTS):
        response = client.get(url)
        assert response.status_code == 200, url
        found = runnable_markup(response.content.decode(), allowed)
        if found:
            problems[url] = found

    for article in articles:
        check(article.get_absolute_url())
    pages = max(1, -(-len(articles) // 20))
    for page in range(1, pages + 1):
        check(f"{category.get_absolute_url()}?page={page}")
    check("/")
    for tag in Tag.objects.all():
        check(reverse("articles:tag", kwargs={"slug": tag.slug}))
    for query in corpus[::60]:
        check(reverse("articles:search") + "?" + urlencode({"q": query}))
    feed = ET.fromstring(client.get(reverse("articles:feed")).content)
    for item in feed.iter("item"):
        for field in ("title", "description"):  # feed readers render these as HTML
            found = runnable_markup(item.findtext(field) or "")
            if found:
                problems[f"feed {field}"] = found
    assert problems == {}
