"""Stable, canonical addresses, and clear 404s for malformed ones."""

import pytest
from django.urls import reverse

from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def test_chinese_title_gets_a_readable_pinyin_address(client):
    article = make_article("双港镇高质量发展开启新局面")
    assert article.slug == "shuang-gang-zhen-gao-zhi-liang-fa-zhan-kai-qi-xin-ju-mian"
    assert client.get(article.get_absolute_url()).status_code == 200


def test_a_long_title_gets_a_slug_of_at_most_60_characters_cut_at_a_hyphen():
    article = make_article("双港镇开展平安建设宣传活动进一步提升群众安全感和满意度")
    assert article.slug == "shuang-gang-zhen-kai-zhan-ping-an-jian-she-xuan-chuan-huo"


def test_an_editor_may_still_type_a_slug():
    assert make_article("双港镇新闻", slug="town-news").slug == "town-news"


def test_mixed_and_punctuation_only_titles_get_usable_slugs():
    assert make_article("Town news 2026 新闻！").slug == "town-news-2026-xin-wen"
    assert make_article("！！！").slug.startswith("article-")


def test_a_renamed_category_answers_at_its_old_address_with_a_301(client):
    from articles.models import Category

    category = Category.objects.create(name="镇街动态")
    assert category.slug == "zhen-jie-dong-tai"
    make_article(category=category)
    category.slug = "towns"
    category.save()
    response = client.get("/category/zhen-jie-dong-tai/")
    assert (response.status_code, response["Location"]) == (301, "/category/towns/")
    assert client.get("/category/towns/").status_code == 200
    assert client.get("/category/never-was/").status_code == 404


def test_a_tag_gets_a_pinyin_slug_and_a_renamed_one_redirects(client):
    from taggit.models import Tag

    make_article(tags=["乡村振兴"])
    tag = Tag.objects.get(name="乡村振兴")
    assert tag.slug == "xiang-cun-zhen-xing"
    tag.slug = "rural"
    tag.save()
    response = client.get("/tags/xiang-cun-zhen-xing/")
    assert (response.status_code, response["Location"]) == (301, "/tags/rural/")


def test_address_survives_a_title_edit(client):
    article = make_article("旧标题")
    url = article.get_absolute_url()
    article.title = "新标题"
    article.save()
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("slug", [None, "wrong-slug"])
def test_missing_or_wrong_slug_redirects_permanently_to_canonical(client, slug):
    article = make_article("Town council opens new library wing")
    kwargs = {"pk": article.pk} | ({"slug": slug} if slug else {})
    response = client.get(reverse("articles:article" if slug else "articles:article-short", kwargs=kwargs))
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


@pytest.mark.parametrize(
    "url",
    [
        "/articles/999999/x/",
        "/articles/99999999999999999999999/",
        "/category/no-such-category/",
        "/tags/no-such-tag/",
        "/articles/abc/",
    ],
)
def test_unknown_things_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "99", "9" * 40, "%00", "last"])
def test_malformed_or_out_of_range_page_numbers_are_404(client, page):
    category = make_category(slug="news")
    for _ in range(3):
        make_article(category=category)
    response = client.get(reverse("articles:category", kwargs={"slug": "news"}), {"page": page})
    assert response.status_code == 404


def test_second_page_of_a_category(client, settings):
    category = make_category(slug="news")
    articles = [make_article(category=category) for _ in range(25)]
    response = client.get(reverse("articles:category", kwargs={"slug": "news"}), {"page": 2})
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 5
    assert response.context["page_obj"][0] == articles[20]


def test_post_to_a_public_page_is_refused(client):
    assert client.post(reverse("articles:home")).status_code == 405


def test_english_interface_under_en_prefix(client):
    assert "Latest news" in client.get("/en/").content.decode()
    assert "最新" in client.get("/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/category/%00/", 404),
        ("/category/a%00b/", 404),
        ("/tags/%00/", 404),
        ("/preview/%00/", 404),
        ("/articles/1/%00/", 404),
        ("/search/?q=%00", 200),  # a search for nothing
    ],
)
def test_a_nul_byte_in_a_url_is_answered_never_an_error(client, url, status):
    make_article("标题")
    assert client.get(url).status_code == status
