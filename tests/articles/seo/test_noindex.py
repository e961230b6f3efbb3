"""Pages that echo what a visitor typed, or show what is not yet public, are never indexed.

Otherwise /search/?q=<a betting brand> is a page on the site's own domain that a
spammer can get indexed without breaking in.
"""

import pytest
from django.urls import reverse

from articles.models import Article
from articles.workflow import share
from tests.factories import make_article

pytestmark = pytest.mark.django_db
NOINDEX_META = '<meta name="robots" content="noindex, nofollow">'
BRAND = "半岛体育官网"


def test_search_page_is_noindex_and_keeps_the_query_out_of_its_title(client):
    make_article("镇里开会")
    response = client.get(reverse("articles:search"), {"q": BRAND})
    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert NOINDEX_META in html
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert BRAND not in title
    assert BRAND not in html.split("<h1>", 1)[1].split("</h1>", 1)[0]


def test_share_preview_is_noindex_in_header_and_markup(client):
    draft = make_article("草稿", status=Article.Status.DRAFT)
    response = client.get(share.share_url(draft))
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert NOINDEX_META in response.content.decode()


def test_staff_preview_of_a_draft_is_noindex_and_never_stored(admin_client):
    draft = make_article("草稿", status=Article.Status.DRAFT)
    response = admin_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


def test_published_article_is_indexable(client):
    article = make_article("标题")
    response = client.get(article.get_absolute_url())
    assert "X-Robots-Tag" not in response
    assert NOINDEX_META not in response.content.decode()
