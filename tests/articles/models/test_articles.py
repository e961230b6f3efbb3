"""Saves of one article never cross: a copy read before someone else's save cannot overwrite it."""

import pytest

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_a_save_from_a_stale_copy_is_refused_and_writes_nothing():
    article = make_article("原标题")
    mine, theirs = Article.objects.get(pk=article.pk), Article.objects.get(pk=article.pk)
    theirs.title = "他们的标题"
    theirs.save()
    mine.title = "我的标题"
    mine.summary = "我的摘要"
    with pytest.raises(Article.StaleEdit):
        mine.save()
    article.refresh_from_db()
    assert (article.title, article.summary, article.version) == ("他们的标题", "", 2)


def test_every_save_moves_the_version_on():
    article = make_article()
    assert article.version == 1
    article.save()
    article.save()
    article.refresh_from_db()
    assert article.version == 3
