"""An edit of a live article is a draft readers never see until it is approved, on any page."""

import pytest
from django.urls import reverse

from articles.images.figures import figure_html
from articles.models import Article, Image, SearchEntry, ViewCount
from articles.workflow import transitions
from articles.workflow.roles import ReviewerRole as R
from tests.factories import make_article, make_category, make_chief, make_editor, make_image, make_writer

pytestmark = pytest.mark.django_db
READER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Android 14) Chrome/120 Mobile Safari/537.36"}


@pytest.fixture
def live_with_pending_edit():
    category = make_category(
        "镇街动态", slug="town", review_levels=2, level_1_role=R.EDITOR, level_2_role=R.CHIEF
    )
    writer = make_writer()
    image = make_image(alt_text="旧图")
    live = make_article(
        "稻田迎来丰收",
        category,
        tags=["稻田"],
        author=writer,
        body="<p>旧的正文</p>" + figure_html(image, caption_html="旧图注"),
    )
    copy = transitions.start_new_draft(live, writer)
    copy.title, copy.body = "稻田喜获丰收", "<p>新的正文</p>" + figure_html(image, caption_html="新图注")
    copy.save()
    copy.tags.set(["丰收"])
    transitions.perform("submit", copy, writer)
    return live, copy


# Each public page, whether it lists the live article, and its title as the page shows it.
PUBLIC_PAGES = [
    (reverse("articles:home"), True, "稻田迎来丰收"),
    (reverse("articles:category", kwargs={"slug": "town"}), True, "稻田迎来丰收"),
    (reverse("articles:tag", kwargs={"slug": "dao-tian"}), True, "稻田迎来丰收"),
    (reverse("articles:tag", kwargs={"slug": "feng-shou"}), False, None),  # the edit's new tag: no page yet
    (reverse("articles:search") + "?q=丰收", True, "稻田迎来<mark>丰收</mark>"),
    (reverse("articles:feed"), True, "<title>稻田迎来丰收</title>"),
    ("/sitemap-articles.xml", True, None),  # addresses only
]


@pytest.mark.parametrize(("url", "lists_live", "title_as_shown"), PUBLIC_PAGES)
def test_readers_see_only_the_live_version_on_every_page(
    client, live_with_pending_edit, url, lists_live, title_as_shown
):
    live, copy = live_with_pending_edit
    response = client.get(url, **READER)
    assert response.status_code == (200 if lists_live or "tags" not in url else 404)
    content = response.content.decode()
    assert "喜获" not in content and copy.get_absolute_url() not in content
    assert (live.get_absolute_url() in content) is lists_live
    if title_as_shown:
        assert title_as_shown in content


def test_the_article_page_and_its_figures_stay_live_until_approval(client, live_with_pending_edit):
    live, copy = live_with_pending_edit
    page = client.get(live.get_absolute_url(), **READER).content.decode()
    assert "旧的正文" in page and "旧图注" in page and "新的正文" not in page
    assert client.get(copy.get_absolute_url(), **READER).status_code == 404


def test_staff_search_finds_the_pending_edit(live_with_pending_edit):
    live, copy = live_with_pending_edit
    assert SearchEntry.objects.get(article=copy).title.startswith("稻田")
    assert list(Article.objects.published()) == [live]


def test_approval_merges_the_edit_into_the_live_article_keeping_its_address_and_views(
    client, live_with_pending_edit, django_capture_on_commit_callbacks
):
    live, copy = live_with_pending_edit
    client.get(live.get_absolute_url(), **READER)
    published_at = live.publish_at
    transitions.perform("approve", copy, make_editor())
    with django_capture_on_commit_callbacks(execute=True):  # file clean-up runs on commit
        merged = transitions.perform("approve", copy, make_chief())
    assert merged.pk == live.pk
    live.refresh_from_db()
    assert (live.title, live.body, live.publish_at) == ("稻田喜获丰收", copy.body, published_at)
    assert sorted(live.tags.names()) == ["丰收"]
    assert list(live.figures.values_list("image", flat=True)) == [Image.objects.get().pk]
    assert not Article.objects.filter(pk=copy.pk).exists()
    assert ViewCount.objects.get(pk=live.pk).total == 1
    page = client.get(live.get_absolute_url(), **READER).content.decode()
    assert "新的正文" in page and "新图注" in page
    stored = Image.objects.get().file
    assert stored.storage.exists(stored.name)  # the library image outlives the working copy
