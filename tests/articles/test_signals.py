"""Every editorial change reaches the search index and the page cache without the caller asking."""

import pytest

from articles.delivery.version import content_version
from articles.models import Article, Category, SearchEntry
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def test_saving_an_article_indexes_it_in_the_same_transaction():
    article = make_article("稻田里的新希望", body="<p>养老服务中心</p>")
    entry = SearchEntry.objects.get(article=article)
    assert "稻田" in entry.title and "养老" in entry.body
    article.delete()
    assert not SearchEntry.objects.filter(article_id=article.pk).exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda article: article.save(),
        lambda article: article.delete(),
        lambda article: article.tags.add("新标签"),
        lambda article: article.category.save(),
        lambda article: make_category(),
    ],
    ids=["article saved", "article deleted", "tag added", "category saved", "category created"],
)
def test_each_change_gives_a_new_content_version_now_and_again_on_commit(
    change, django_capture_on_commit_callbacks
):
    article = make_article(tags=["旧标签"])
    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        change(article)
        during = content_version()  # this request's own next page is fresh
    after = content_version()  # and a page rendered from the old data meanwhile is not reused
    assert len({before, during, after}) == 3


def test_reading_changes_nothing():
    make_article()
    version = content_version()
    list(Article.objects.published())
    list(Category.objects.all())
    assert content_version() == version
