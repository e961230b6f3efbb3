"""The article list answers any query string without a server error."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article, make_writer

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:articles_article_changelist")


@pytest.mark.parametrize(
    ("query", "status"),
    [
        # The range filter ignores a bound no article can be outside of, and a malformed date.
        ("publish_at__to=9999-12-31", 200),
        ("publish_at__from=0001-01-01", 200),
        ("publish_at__from=9999-12-31&publish_at__to=9999-12-31", 200),
        ("publish_at__to=2026-02-30", 200),
        # The date hierarchy sends an impossible date to Django's "?e=1" page, as Django does.
        ("publish_at__year=99999", 302),
        ("publish_at__year=0", 302),
        ("publish_at__year=9999&publish_at__month=12&publish_at__day=31", 302),
        ("publish_at__year=2026&publish_at__month=13", 302),
        ("publish_at__year=-1", 302),
    ],
)
def test_out_of_range_dates_never_give_a_server_error(admin_client, query, status):
    make_article("标题")
    response = admin_client.get(f"{CHANGELIST}?{query}")
    assert response.status_code == status
    if status == 302:
        assert response["Location"] == f"{CHANGELIST}?e=1"


def test_the_last_representable_day_still_filters(admin_client):
    make_article("标题")
    response = admin_client.get(f"{CHANGELIST}?publish_at__to=9999-12-31")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1


def test_the_author_filter_lists_only_people_who_wrote_articles(admin_client):
    writer = make_writer()
    get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    make_article("标题", author=writer)
    response = admin_client.get(CHANGELIST)
    (author_filter,) = [spec for spec in response.context["cl"].filter_specs if spec.title == "作者"]
    choices = [choice["display"] for choice in author_filter.choices(response.context["cl"])]
    assert choices == ["全部", str(writer), "-"]  # all, the one author, and "no author"
    assert Article.objects.count() == 1
