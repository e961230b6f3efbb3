"""Editors write and publish through the admin, with the least privilege they need."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.admin.form_data import article_form_data, with_figure
from tests.factories import make_article, make_category, make_chief, make_editor, make_image, uploaded_image

pytestmark = pytest.mark.django_db


def test_editor_creates_a_draft_with_image_and_tags_and_previews_it(editor_client):
    category = make_category("镇街动态", slug="town")
    image = make_image(file=uploaded_image("job.png"))
    data = with_figure(article_form_data(category), image, caption="招聘会现场")
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    article = Article.objects.get()
    assert article.author.username == "editor"
    assert sorted(article.tags.names()) == ["就业", "民生"]
    assert list(article.figures.values_list("image", flat=True)) == [image.pk]
    assert article.status == Article.Status.DRAFT  # the form cannot publish: only the review chain does
    page = editor_client.get(article.get_absolute_url())
    assert "双港镇举办招聘会" in page.content.decode() and "图1 招聘会现场" in page.content.decode()


def test_hostile_body_posted_to_the_admin_is_stored_clean(editor_client):
    category = make_category(slug="town")
    data = article_form_data(
        category,
        body='<p>ok<a href="javascript:alert(1)">x</a></p><script>alert(1)</script>',
    )
    editor_client.post(reverse("admin:articles_article_add"), data)
    assert Article.objects.get().body == '<p>ok<a rel="noopener noreferrer nofollow">x</a></p>'


def test_chief_publishes_and_unpublishes_with_actions_where_no_review_is_needed(client):
    client.force_login(make_chief())
    draft = make_article(category=make_category(review_levels=0), status=Article.Status.DRAFT)
    url = reverse("admin:articles_article_changelist")
    client.post(url, {"action": "publish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published
    client.post(url, {"action": "unpublish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.UNPUBLISHED


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
    article = make_article("原标题", body="<p>正文</p>", status=Article.Status.DRAFT)
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


def test_a_save_that_crosses_another_after_the_form_check_is_refused_whole(editor_client, monkeypatch):
    """The form's check passed; another save lands before ours: the versioned UPDATE refuses ours.

    The other save runs inside this request's transaction here, so the refusal rolls it back
    too; what matters is that nothing of ours is written and the editor is told why.
    """
    from articles.admin.articles import ArticleAdmin

    article = make_article("原标题", status=Article.Status.DRAFT)
    url = reverse("admin:articles_article_change", args=[article.pk])
    opened = editor_client.get(url).context["adminform"].form["opened_version"].value()
    real_save_model = ArticleAdmin.save_model

    def someone_saves_first(self, request, obj, form, change):
        other = Article.objects.get(pk=obj.pk)
        other.title = "另一位编辑的标题"
        other.save()
        real_save_model(self, request, obj, form, change)

    monkeypatch.setattr(ArticleAdmin, "save_model", someone_saves_first)
    data = article_form_data(article.category, slug=article.slug, opened_version=opened, title="我的标题")
    response = editor_client.post(url, data, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "有人与您同时保存了本文，您的保存没有生效。请重新打开本文查看对方的修改，再进行编辑。"
    ]
    article.refresh_from_db()
    assert (article.title, article.version) == ("原标题", 1)


def test_publish_action_puts_last_weeks_draft_live_now(client):
    client.force_login(make_chief())
    week_ago = timezone.now() - datetime.timedelta(days=7)
    draft = make_article(
        category=make_category(review_levels=0), status=Article.Status.DRAFT, publish_at=week_ago
    )
    with time_machine.travel(timezone.now(), tick=False):
        client.post(
            reverse("admin:articles_article_changelist"),
            {"action": "publish_selected", "_selected_action": [draft.pk]},
        )
        draft.refresh_from_db()
        assert (draft.is_published, draft.publish_at) == (True, timezone.now())


def test_an_admin_save_that_fails_half_way_leaves_no_revision_state_or_index_change(
    editor_client, monkeypatch
):
    from articles.models import Revision, SearchEntry
    from articles.workflow import revisions

    draft = make_article("原标题", status=Article.Status.DRAFT)
    url = reverse("admin:articles_article_change", args=[draft.pk])

    def storage_fails(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(revisions, "record", storage_fails)
    data = article_form_data(draft.category, title="新标题", slug=draft.slug, opened_version=draft.version)
    with pytest.raises(OSError):
        editor_client.post(url, data)
    draft.refresh_from_db()
    assert (draft.title, draft.version) == ("原标题", 1)
    assert SearchEntry.objects.get(article=draft).title.startswith("原标")
    assert not Revision.objects.exists()


@pytest.mark.parametrize(
    ("state", "title"),
    [
        ("draft", "草稿"),
        ("in_review", "审核中"),
        ("rejected", "退回"),
        ("scheduled", "定时"),
        ("live", "在线"),
        ("expired", "过期"),
        ("unpublished", "撤下"),
    ],
)
def test_the_changelist_filters_by_each_state(editor_client, state, title):
    now = timezone.now()
    S = Article.Status
    make_article("草稿", status=S.DRAFT)
    make_article("审核中", status=S.IN_REVIEW, review_level=1)
    make_article("退回", status=S.REJECTED)
    make_article("定时", publish_at=now + datetime.timedelta(days=1))
    make_article("在线")
    make_article("过期", expire_at=now - datetime.timedelta(minutes=1))
    make_article("撤下", status=S.UNPUBLISHED)
    response = editor_client.get(reverse("admin:articles_article_changelist"), {"visibility": state})
    assert [article.title for article in response.context["cl"].result_list] == [title]


def test_a_live_article_opened_read_only_shows_its_body_as_readers_see_it(client):
    from articles.images.figures import figure_html
    from tests.factories import make_image

    image = make_image(caption="会场")
    article = make_article("镇里开会", body="<p>会议<strong>召开</strong>。</p>" + figure_html(image))
    client.force_login(make_chief())  # a live article is edited as a new draft: this view is read-only
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "<p>会议<strong>召开</strong>。</p>" in page and "<picture>" in page and "图1 会场" in page
    assert "&lt;p&gt;" not in page


def test_a_searched_changelist_does_not_count_the_whole_archive(editor_client):
    """Django's "(12,345 total)" beside a search is a COUNT(*) of every article on every
    search; the list says "Show all" instead."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    category = make_category()
    for title in ("养老服务", "养老政策", "就业"):
        make_article(title, category)
    with CaptureQueriesContext(connection) as context:
        response = editor_client.get(reverse("admin:articles_article_changelist"), {"q": "养老"})
    assert response.context["cl"].result_count == 2
    counts = [q["sql"] for q in context.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert all("WHERE" in sql for sql in counts), counts
    assert "显示全部" in response.text  # the admin speaks Chinese by default
