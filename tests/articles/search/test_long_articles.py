"""A phrase late in a very long article is found, on PostgreSQL as on SQLite.

PostgreSQL's tsvector keeps at most 16,383 positions per document and 256 per word,
which used to hide a phrase near the end of a long report (政府工作报告 run to 30,000
characters) from PostgreSQL while SQLite found it.
"""

import pytest
from django.urls import reverse

from articles.models import Article
from articles.search import parse, search_articles
from tests.factories import make_article

pytestmark = pytest.mark.django_db
FILLER = "今年以来我镇坚持稳中求进工作总基调，统筹推进经济社会各项工作。"  # 31 characters


def found(query):
    return list(search_articles(Article.objects.published(), parse(query), "date"))


def test_a_phrase_past_sixteen_thousand_positions_is_found():
    article = make_article(
        "政府工作报告", body="<p>" + FILLER * 700 + "稻田养老服务站正式启用。</p>"
    )  # 21,700 characters
    make_article("短讯", body="<p>稻田丰收，养老院开业。</p>")  # the words apart: not the phrase
    assert found("稻田养老") == [article]
    assert found('"养老服务站"') == [article]


def test_a_phrase_after_a_word_used_more_than_256_times_is_found(client):
    article = make_article("发展报告", body="<p>" + "推动高质量发展。" * 300 + "发展稻田综合种养。</p>")
    assert found("发展稻田") == [article]
    response = client.get(reverse("articles:search"), {"q": "发展稻田"})
    assert response.context["page_obj"].paginator.count == 1
