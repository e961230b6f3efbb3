"""Tag pages: only for tags readers can reach, whatever the tag's name."""

import re

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from tests.articles.admin.form_data import article_form_data
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["、", "！", "#", "……", "🎉"])
def test_a_punctuation_only_tag_gets_a_working_page(client, name):
    article = make_article("镇里开会", tags=[name])
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    tag = Tag.objects.get(name=name)
    assert tag.slug
    listing = client.get(reverse("articles:tag", kwargs={"slug": tag.slug}))
    assert listing.status_code == 200
    assert "镇里开会" in listing.content.decode()


def test_two_punctuation_only_tags_get_different_pages(client):
    make_article("一", tags=["、"])
    make_article("二", tags=["！"])
    assert Tag.objects.get(name="、").slug != Tag.objects.get(name="！").slug


def test_a_tag_no_published_article_carries_is_not_found(client):
    make_article("草稿", status=Article.Status.DRAFT, tags=["半岛体育官网"])
    tag = Tag.objects.get(name="半岛体育官网")
    assert client.get(reverse("articles:tag", kwargs={"slug": tag.slug})).status_code == 404


def test_control_characters_are_dropped_from_tag_names(editor_client):
    data = article_form_data(make_category(), tags="镇\x07街\x1b动态, \x1b")
    assert editor_client.post(reverse("admin:articles_article_add"), data).status_code == 302
    assert list(Tag.objects.values_list("name", flat=True)) == ["镇街动态"]


def test_a_tag_longer_than_100_characters_is_a_form_error(editor_client):
    data = article_form_data(make_category(), tags="长" * 101)
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["tags"] == [
        "标签最多 100 个字符：“" + "长" * 20 + "…”。"
    ]
    assert not Article.objects.exists()


@pytest.mark.parametrize("widely_used", [3, 1000])
def test_a_tag_page_lists_its_published_articles_newest_first_however_widely_it_is_used(
    client, monkeypatch, widely_used, django_assert_num_queries
):
    """A tag on more than WIDELY_USED articles is listed from the archive's side
    (listing_pages.py): the page is the same, in the same three queries."""
    import datetime

    from django.utils import timezone

    from articles.models import listing_pages

    monkeypatch.setattr(listing_pages, "WIDELY_USED", widely_used)
    now = timezone.now()
    for hours in (5, 1, 3, 2):
        make_article(f"养老{hours}", tags=["养老"], publish_at=now - datetime.timedelta(hours=hours))
    make_article("养老草稿", tags=["养老"], status=Article.Status.DRAFT)
    make_article("养老定时", tags=["养老"], publish_at=now + datetime.timedelta(hours=1))
    make_article("民生", tags=["民生"])
    client.get("/tags/min-sheng/", HTTP_USER_AGENT="curl/8")  # the category tree, once per process
    with django_assert_num_queries(3):
        html = client.get("/tags/yang-lao/", HTTP_USER_AGENT="curl/8").content.decode()
    assert re.findall(r'<h2 class="card-title"><a [^>]*>([^<]+)</a>', html) == [
        "养老1",
        "养老2",
        "养老3",
        "养老5",
    ]
