"""Previews: the unsaved form as readers will see it (staff only), and share links for reviewers."""

import datetime
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Figure, Revision, SearchEntry, ViewCount
from articles.workflow import share, transitions
from tests.articles.admin.form_data import article_form_data, with_figure
from tests.factories import (
    make_article,
    make_category,
    make_chief,
    make_editor,
    make_image,
    make_writer,
    uploaded_image,
)

pytestmark = pytest.mark.django_db
READER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Android 14) Chrome/120 Mobile Safari/537.36"}


def stored_files(settings):
    return sorted(
        str(p.relative_to(settings.MEDIA_ROOT)) for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()
    )


def test_preview_renders_the_unsaved_form_with_a_new_figure_and_keeps_nothing(editor_client, settings):
    draft = make_article("保存过的标题", status=Article.Status.DRAFT, body="<p>保存过的正文</p>")
    files_before, index_before = stored_files(settings), SearchEntry.objects.get(article=draft).title
    image = make_image(file=uploaded_image("new.png", size=(400, 300)))
    files_before = stored_files(settings)
    data = with_figure(
        article_form_data(
            draft.category, title="还没保存的标题", slug=draft.slug, body="<p>还没保存的正文</p>"
        ),
        image,
        caption="预览里的图注",
    )
    response = editor_client.post(reverse("admin:articles_article_preview", args=[draft.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>还没保存的标题</h1>" in page and "还没保存的正文" in page and "图1 预览里的图注" in page
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    draft.refresh_from_db()
    assert (draft.title, draft.version) == ("保存过的标题", 1)
    assert not Figure.objects.exists() and not Revision.objects.exists()
    assert SearchEntry.objects.get(article=draft).title == index_before
    assert stored_files(settings) == files_before  # a preview writes no file


def test_preview_of_a_new_article_saves_nothing(editor_client):
    data = article_form_data(make_category(), title="全新的稿件")
    response = editor_client.post(reverse("admin:articles_article_add_preview"), data)
    assert "<h1>全新的稿件</h1>" in response.content.decode()
    assert not Article.objects.exists()


def test_readers_and_roles_that_may_not_edit_cannot_preview(client):
    draft = make_article(status=Article.Status.DRAFT, author=make_writer("author"))
    url = reverse("admin:articles_article_preview", args=[draft.pk])
    data = article_form_data(draft.category, slug=draft.slug)
    response = client.post(url, data)
    assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("admin:login"))
    client.force_login(make_writer("other"))
    assert client.post(url, data).status_code == 403
    assert client.get(url).status_code == 405


@pytest.fixture
def shared():
    draft = make_article("待审的稿件", status=Article.Status.DRAFT, category=make_category(review_levels=0))
    return draft, share.share_url(draft)


def test_a_share_link_shows_the_draft_to_anyone_never_cached_never_counted(client, shared):
    draft, url = shared
    for _ in range(2):
        response = client.get(url, **READER)
        assert response.status_code == 200
        assert response.templates  # rendered each time, never from the page cache
    assert "<h1>待审的稿件</h1>" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert not ViewCount.objects.filter(pk=draft.pk).exists()
    assert client.post(url).status_code == 405  # read-only


@pytest.mark.parametrize("days", [7, 2])
def test_a_share_link_expires_after_the_configured_days(client, shared, settings, days):
    settings.NEWSROOM_SHARE_LINK_DAYS = days
    _, url = shared
    with time_machine.travel(timezone.now() + datetime.timedelta(days=days, seconds=-5)):
        assert client.get(url, **READER).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=days, seconds=5)):
        assert client.get(url, **READER).status_code == 404


def test_a_share_link_dies_when_the_article_is_published(client, shared):
    draft, url = shared
    transitions.perform("publish", draft, make_chief())
    assert client.get(url, **READER).status_code == 404


@pytest.mark.parametrize("token", ["1", "MQ:1xXXXX:forged", "%00", "a" * 300])
def test_a_forged_share_link_is_a_404(client, shared, token):
    assert client.get(f"/preview/{token}/", **READER).status_code == 404


def test_staff_without_the_article_view_permission_cannot_preview_drafts(client, django_user_model):
    draft = make_article("内部草稿", status=Article.Status.DRAFT)
    stranger = django_user_model.objects.create_user("intern", password="pw", is_staff=True)
    client.force_login(stranger)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_redirect_to_a_drafts_canonical_address_is_private(client):
    draft = make_article("内部草稿", status=Article.Status.DRAFT)
    client.force_login(make_editor())
    response = client.get(reverse("articles:article-short", kwargs={"pk": draft.pk}))
    assert response.status_code == 301
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
