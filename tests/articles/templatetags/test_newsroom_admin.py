"""Each user's admin home shows their queue."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from articles.templatetags.newsroom_admin import editorial_queue
from articles.workflow.roles import ReviewerRole as R
from tests.factories import make_article, make_category, make_chief, make_editor, make_writer

pytestmark = pytest.mark.django_db
S = Article.Status


def queue(user):
    return {
        key: [article.title for article in articles] for _, articles, key in editorial_queue(user)["lists"]
    }


def test_each_role_sees_what_waits_for_it():
    chain = make_category(review_levels=2, level_1_role=R.EDITOR, level_2_role=R.CHIEF)
    writer, editor, chief = make_writer(), make_editor(), make_chief()
    make_article("我的草稿", chain, author=writer, status=S.DRAFT)
    make_article("被退回的稿件", chain, author=writer, status=S.REJECTED, review_comment="请核实")
    make_article("等一审", chain, author=writer, status=S.IN_REVIEW, review_level=1, submitted_by=writer)
    make_article("等终审", chain, author=writer, status=S.IN_REVIEW, review_level=2, submitted_by=writer)
    make_article(
        "编辑自己写的", chain, author=editor, status=S.IN_REVIEW, review_level=1, submitted_by=editor
    )
    make_article("明天发布", chain, publish_at=timezone.now() + datetime.timedelta(days=1))
    assert queue(writer) == {"review": [], "own": ["被退回的稿件", "我的草稿"], "upcoming": ["明天发布"]}
    assert queue(editor)["review"] == ["等一审"]  # not level 2 (the chief's), not their own writing
    assert queue(chief)["review"] == ["编辑自己写的", "等终审", "等一审"]  # oldest publish time first
