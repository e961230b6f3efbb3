"""Every saved state is kept; any two compare field by field, character by character; any one restores."""

import pytest
from django.urls import reverse
from django.utils import translation

from articles.images.figures import figure_html
from articles.models import Article, Revision
from articles.workflow import diff, revisions, transitions
from tests.factories import make_article, make_category, make_chief, make_figures, make_writer

pytestmark = pytest.mark.django_db


def test_a_chinese_edit_is_marked_character_by_character():
    assert str(diff.char_diff("镇里召开安全生产会议", "镇里召开汛期安全生产会议")) == (
        "镇里召开<ins>汛期</ins>安全生产会议"
    )
    assert str(diff.char_diff("会议在三楼召开", "会议在五楼召开")) == "会议在<del>三</del><ins>五</ins>楼召开"
    assert str(diff.char_diff("<b>旧</b>", "<b>新</b>")) == "&lt;b&gt;<del>旧</del><ins>新</ins>&lt;/b&gt;"


def test_a_revision_holds_fields_tags_and_figures_and_comparison_lists_what_changed():
    article = make_article("原标题", tags=["稻田"], body="<p>第一段。</p>", status=Article.Status.DRAFT)
    (image,) = make_figures(article, 1)
    first = revisions.record(article, None, "save")
    article.title, article.body = "新标题", "<p>第一段。第二段。</p>" + figure_html(image, alt="镇长讲话")
    article.save()
    article.tags.set(["稻田", "丰收"])
    second = revisions.record(article, None, "save")
    assert (first.number, second.number) == (1, 2)
    assert first.data["tags"] == ["稻田"] and f'data-file="{image.pk}"' in first.data["body"]
    with translation.override("zh-hans"):
        changes = {str(label): str(html) for label, html in diff.compare(first.data, second.data)}
    assert changes == {
        "标题": "<del>原</del><ins>新</ins>标题",
        "正文": "第一<ins>段。第二</ins>段。\n说明1",  # the figure's caption is body text too
        "标签": "<ins>丰收, </ins>稻田",
        "配图": f"图片 {image.pk}，替代文字“<del>替代文字1</del><ins>镇长讲话</ins>”",
    }


def test_history_lists_revisions_and_compares_two(editor_client):
    article = make_article("原标题", status=Article.Status.DRAFT)
    revisions.record(article, None, "save")
    article.title = "新标题"
    article.save()
    revisions.record(article, None, "save")
    url = reverse("admin:articles_article_history", args=[article.pk])
    response = editor_client.get(url, {"a": 1, "b": 2})
    assert response.status_code == 200
    assert [r.number for r in response.context["revisions"]] == [2, 1]
    assert '<dd class="diff"><del>原</del><ins>新</ins>标题</dd>' in response.content.decode()
    assert editor_client.get(url, {"a": "x", "b": "%00"}).status_code == 200  # odd input: no comparison


def test_restoring_a_draft_revision_makes_it_the_draft_again_and_keeps_every_revision(client):
    article = make_article("第一版", tags=["旧"], status=Article.Status.DRAFT)
    images = make_figures(article, 2)
    first = revisions.record(article, None, "save")
    article.title, article.body = "第二版", "<p>图都删了</p>"
    article.save()
    article.tags.set(["新"])
    revisions.record(article, None, "save")
    client.force_login(make_chief())
    client.post(reverse("admin:articles_article_restore", args=[article.pk, first.number]))
    article.refresh_from_db()
    assert (article.title, article.status, sorted(article.tags.names())) == ("第一版", "draft", ["旧"])
    assert list(article.figures.values_list("image", flat=True)) == [image.pk for image in images]
    assert list(Revision.objects.filter(article=article).values_list("number", "event")) == [
        (3, "restore"),
        (2, "save"),
        (1, "save"),
    ]


def test_restoring_into_a_live_article_makes_a_new_draft_and_readers_keep_the_live_text(client):
    writer, chief = make_writer(), make_chief()
    live = make_article("旧版标题", category=make_category(review_levels=0), author=writer)
    old = revisions.record(live, None, "save", is_live=True)
    live.title = "线上标题"
    live.save()
    transitions.restore(old, chief)
    live.refresh_from_db()
    copy = Article.objects.get(draft_of=live)
    assert (live.title, copy.title, copy.status) == ("线上标题", "旧版标题", "draft")
    assert "线上标题" in client.get(live.get_absolute_url()).content.decode()
