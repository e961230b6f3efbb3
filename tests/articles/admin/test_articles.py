"""Editors publish through the admin, with the least privilege they need."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.admin.form_data import article_form_data, with_image
from tests.factories import make_article, make_category, make_editor, uploaded_image

pytestmark = pytest.mark.django_db


def test_editor_creates_and_publishes_an_article_with_image_and_tags(editor_client):
    category = make_category("镇街动态", slug="town")
    data = with_image(article_form_data(category), uploaded_image("job.png"))
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.author.username == "editor"
    assert sorted(article.tags.names()) == ["就业", "民生"]
    assert article.images.get().width == 40
    page = editor_client.get(article.get_absolute_url())
    assert "双港镇举办招聘会" in page.content.decode()


def test_hostile_body_posted_to_the_admin_is_stored_clean(editor_client):
    category = make_category(slug="town")
    data = article_form_data(
        category,
        body='<p>ok<a href="javascript:alert(1)">x</a></p><script>alert(1)</script>',
    )
    editor_client.post(reverse("admin:articles_article_add"), data)
    assert Article.objects.get().body == '<p>ok<a rel="noopener noreferrer nofollow">x</a></p>'


def test_publish_and_unpublish_actions(editor_client):
    draft = make_article(status=Article.Status.DRAFT)
    url = reverse("admin:articles_article_changelist")
    editor_client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published
    editor_client.post(url, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_changelist_shows_scheduled_state_and_filters_by_it(editor_client):
    live = make_article("在线文章")
    scheduled = make_article("定时文章", publish_at=timezone.now() + datetime.timedelta(days=2))
    url = reverse("admin:articles_article_changelist")
    response = editor_client.get(url, {"visibility": "scheduled"})
    assert list(response.context["cl"].result_list) == [scheduled]
    assert live.title in editor_client.get(url).content.decode()


def test_editors_cannot_manage_users(editor_client):
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_readers_are_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_admin_messages_escape_titles(editor_client):
    category = make_category(slug="town")
    data = article_form_data(category, title="<img src=x onerror=alert(1)>")
    response = editor_client.post(reverse("admin:articles_article_add"), data, follow=True)
    content = response.content.decode()
    assert "<img src=x onerror=alert(1)>" not in content
    assert "&lt;img src=x onerror=alert(1)&gt;" in content


def test_a_later_save_does_not_silently_overwrite_an_earlier_one(client):
    article = make_article("原标题", body="<p>正文</p>")
    first, second = Client(), Client()
    first.force_login(make_editor("first"))
    second.force_login(make_editor("second"))
    url = reverse("admin:articles_article_change", args=[article.pk])
    opened = first.get(url).context["adminform"].form["opened_version"].value()
    assert second.get(url).context["adminform"].form["opened_version"].value() == opened

    data = article_form_data(article.category, slug=article.slug, opened_version=opened)
    assert first.post(url, data | {"title": "第一位编辑的标题"}).status_code == 302
    response = second.post(url, data | {"title": "第二位编辑的标题"})
    assert response.status_code == 200
    assert [e.code for e in response.context["adminform"].form.non_field_errors().as_data()] == ["stale"]
    article.refresh_from_db()
    assert article.title == "第一位编辑的标题"
