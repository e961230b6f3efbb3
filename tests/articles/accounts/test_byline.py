"""Public pages never print a login name."""

import pytest

from tests.factories import make_article, make_writer

pytestmark = pytest.mark.django_db


def test_the_byline_shows_the_display_name_not_the_login(client):
    writer = make_writer("wangfang2019")
    writer.first_name = "王芳"
    writer.save()
    article = make_article("镇里开会", author=writer)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<span>作者: 王芳</span>" in html
    assert "wangfang2019" not in html


def test_an_author_without_a_display_name_gets_no_byline(client):
    article = make_article("镇里开会", author=make_writer("wangfang2019"))
    html = client.get(article.get_absolute_url()).content.decode()
    assert "wangfang2019" not in html
    assert "作者" not in html
