"""The review chain per category: inherited, overridden, never approved by the writer, one level a person."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from articles.models import Article, AuditEntry, Revision, SearchEntry
from articles.workflow import revisions, transitions
from articles.workflow.roles import ReviewerRole as R
from articles.workflow.transitions import Refused
from tests.factories import make_article, make_category, make_chief, make_editor, make_writer

pytestmark = pytest.mark.django_db
S = Article.Status


@pytest.fixture(autouse=True)
def _messages_in_english():
    with translation.override("en"):
        yield


def test_a_child_category_inherits_its_parents_chain_unless_it_has_its_own():
    government = make_category(
        "政务公开", review_levels=3, level_1_role=R.EDITOR, level_2_role=R.EDITOR, level_3_role=R.CHIEF
    )
    notices = make_category("通知公告", parent=government)
    campus = make_category("校园新闻", parent=government, review_levels=1, level_1_role=R.EDITOR)
    quick = make_category("快讯", parent=notices, review_levels=0)
    plain = make_category("其他")
    assert government.review_chain() == [R.EDITOR, R.EDITOR, R.CHIEF]
    assert notices.review_chain() == [R.EDITOR, R.EDITOR, R.CHIEF]
    assert campus.review_chain() == [R.EDITOR]
    assert quick.review_chain() == []
    assert plain.review_chain() == [R.CHIEF]  # nothing set up the tree: one approval, by a chief editor


def test_three_levels_by_three_people_then_live():
    category = make_category(
        review_levels=3, level_1_role=R.EDITOR, level_2_role=R.EDITOR, level_3_role=R.CHIEF
    )
    writer, first, second, chief = make_writer(), make_editor("first"), make_editor("second"), make_chief()
    article = make_article(category=category, author=writer, status=S.DRAFT)
    transitions.perform("submit", article, writer)
    transitions.perform("approve", article, first)
    with pytest.raises(Refused, match="earlier level"):
        transitions.perform("approve", article, first)  # 三审 is three people
    transitions.perform("approve", article, second)
    with pytest.raises(PermissionDenied):
        transitions.perform("approve", article, make_editor("third"))  # level 3 is the chief's
    live = transitions.perform("approve", article, chief)
    assert (live.status, live.is_published) == (S.PUBLISHED, True)
    events = Revision.objects.filter(article=article).order_by("number").values_list("event", flat=True)
    assert list(events) == ["submit", "approve", "approve", "publish"]


@pytest.mark.parametrize("allowed", [False, True])
def test_a_reviewer_approves_their_own_writing_only_where_the_site_allows_it(settings, allowed):
    settings.NEWSROOM_ALLOW_SELF_APPROVAL = allowed
    editor = make_editor()
    article = make_article(
        category=make_category(review_levels=1, level_1_role=R.EDITOR), author=editor, status=S.DRAFT
    )
    transitions.perform("submit", article, editor)
    if allowed:
        assert transitions.perform("approve", article, editor).status == S.PUBLISHED
    else:
        with pytest.raises(Refused, match="own writing"):
            transitions.perform("approve", article, editor)
        article.refresh_from_db()
        assert (article.status, article.review_level) == (S.IN_REVIEW, 1)


def test_returned_with_a_comment_the_writer_sees_then_resubmitted_from_level_one(client):
    category = make_category(review_levels=2, level_1_role=R.EDITOR, level_2_role=R.CHIEF)
    writer, editor, chief = make_writer(), make_editor(), make_chief()
    article = make_article("待修改的稿件", category=category, author=writer, status=S.DRAFT)
    transitions.perform("submit", article, writer)
    transitions.perform("approve", article, editor)
    with pytest.raises(Refused, match="comment is required"):
        transitions.perform("reject", article, chief, "   ")
    transitions.perform("reject", article, chief, "请核实会议时间")
    article.refresh_from_db()
    assert (article.status, article.review_level, article.review_comment) == (S.REJECTED, 0, "请核实会议时间")
    client.force_login(writer)
    assert '<span class="errornote">请核实会议时间</span>' in client.get("/admin/").content.decode()
    assert (
        '<td class="field-state_label">已退回：请核实会议时间</td>'
        in client.get("/admin/articles/article/").content.decode()
    )
    change = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "请核实会议时间" in change
    transitions.perform("submit", article, writer)
    article.refresh_from_db()
    assert (article.status, article.review_level, article.review_comment) == (S.IN_REVIEW, 1, "")


@pytest.mark.parametrize(
    ("move", "status", "message"),
    [
        ("approve", S.DRAFT, "not waiting for review"),
        ("submit", S.IN_REVIEW, "can be submitted"),
        ("unpublish", S.DRAFT, "Only a published article"),
        ("publish", S.PUBLISHED, "already published"),
    ],
)
def test_a_move_that_does_not_apply_says_why_and_changes_nothing(move, status, message):
    chief = make_chief()
    article = make_article(
        category=make_category(review_levels=0), author=make_writer(), status=status, review_level=0
    )
    before = (article.status, article.version)
    with pytest.raises(Refused, match=message):
        transitions.perform(move, article, chief)
    article.refresh_from_db()
    assert (article.status, article.version) == before
    assert not AuditEntry.objects.filter(action=move).exists()


def test_publishing_needs_the_chain_where_the_category_has_one():
    article = make_article(category=make_category(review_levels=1), status=S.DRAFT)
    with pytest.raises(Refused, match="review chain"):
        transitions.perform("publish", article, make_chief())


def test_approving_a_deleted_article_is_refused_clearly(client):
    article = make_article(
        category=make_category(review_levels=1, level_1_role=R.EDITOR), status=S.IN_REVIEW, review_level=1
    )
    editor = make_editor()
    Article.objects.filter(pk=article.pk).delete()
    with pytest.raises(Refused, match="no longer exists"):
        transitions.perform("approve", article, editor)
    client.force_login(editor)
    response = client.post(f"/admin/articles/article/{article.pk}/workflow/approve/", follow=True)
    assert [str(m) for m in response.context["messages"]] == ["这篇文章已不存在。"]


def test_a_move_that_fails_half_way_leaves_no_trace(monkeypatch):
    writer = make_writer()
    article = make_article(
        "原来的标题", category=make_category(review_levels=1), author=writer, status=S.DRAFT
    )
    index_before = SearchEntry.objects.get(article=article).title

    def disk_full(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(revisions, "record", disk_full)
    with pytest.raises(OSError):
        transitions.perform("submit", article, writer)
    article.refresh_from_db()
    assert (article.status, article.version) == (S.DRAFT, 1)
    assert not Revision.objects.exists() and not AuditEntry.objects.filter(action="submit").exists()
    assert SearchEntry.objects.get(article=article).title == index_before
