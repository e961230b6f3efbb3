"""The tools on an article page: text size, print, and a QR code for WeChat."""

import io

import pytest
import zxingcpp
from django.conf import settings
from django.urls import reverse
from PIL import Image

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_the_qr_code_decodes_to_the_articles_address(client):
    article = make_article("稻田丰收")
    response = client.get(reverse("articles:qr", kwargs={"pk": article.pk}))
    assert response["Content-Type"] == "image/png"
    assert "max-age=86400" in response["Cache-Control"]
    (code,) = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.content)))
    assert code.text == settings.NEWSROOM_SITE_URL + article.get_absolute_url()


def test_drafts_have_no_qr_code(client):
    draft = make_article("草稿", status=Article.Status.DRAFT)
    assert client.get(reverse("articles:qr", kwargs={"pk": draft.pk})).status_code == 404


def test_the_article_page_offers_text_sizes_print_and_the_code(client):
    article = make_article("稻田丰收")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<legend>字号</legend>" in html
    for size, label in (("large", "大"), ("medium", "中"), ("small", "小")):
        assert f'<label for="text-size-{size}">{label}</label>' in html
    assert '<button type="button" class="print-button" data-print hidden>打印本页</button>' in html
    assert f'<img src="{reverse("articles:qr", kwargs={"pk": article.pk})}" width="185" height="185"' in html
    assert (
        f'data-url="{settings.NEWSROOM_SITE_URL}{article.get_absolute_url()}"' in html
    )  # printed by the print stylesheet


def test_english_articles_on_chinese_pages_carry_their_language(client):
    english = make_article("New library wing opens")
    chinese = make_article("稻田丰收")
    assert (
        f'<article class="article" data-url="{settings.NEWSROOM_SITE_URL}{english.get_absolute_url()}" lang="en">'
        in client.get(english.get_absolute_url()).content.decode()
    )
    assert (
        f'<article class="article" data-url="{settings.NEWSROOM_SITE_URL}{chinese.get_absolute_url()}">'
        in client.get(chinese.get_absolute_url()).content.decode()
    )
    home = client.get("/").content.decode()
    assert f'<a href="{english.get_absolute_url()}" lang="en">New library wing opens</a>' in home
    english_home = client.get("/en/").content.decode()
    assert 'lang="zh-Hans">稻田丰收</a>' in english_home
