"""置顶, 推荐 and 头条: set in the admin, ordered, and gone when their time is up."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleFlag
from tests.articles.admin.form_data import article_form_data
from tests.factories import make_article, make_category, make_editor, make_writer

pytestmark = pytest.mark.django_db
Kind = ArticleFlag.Kind


def place(article, kind, order=0, ends_at=None):
    return ArticleFlag.objects.create(article=article, kind=kind, order=order, ends_at=ends_at)


def test_the_headline_slot_shows_the_first_active_headline(client):
    first, second = make_article("头条一"), make_article("头条二")
    place(second, Kind.HEADLINE, order=1)
    place(first, Kind.HEADLINE, order=2)
    response = client.get("/")
    assert response.context["headline"] == second
    assert (
        '<p class="headline-title"><a href="' + second.get_absolute_url() + '">头条二</a></p>'
        in response.content.decode()
    )


def test_recommended_articles_are_listed_in_their_order(client):
    a, b, c = make_article("甲"), make_article("乙"), make_article("丙")
    place(a, Kind.RECOMMENDED, order=3)
    place(b, Kind.RECOMMENDED, order=1)
    place(c, Kind.RECOMMENDED, order=2)
    assert list(client.get("/").context["recommended"]) == [b, c, a]


def test_pinned_articles_lead_their_category_once(client):
    category = make_category(slug="town")
    old = make_article("旧通知", category, publish_at=timezone.now() - datetime.timedelta(days=30))
    new = make_article("新消息", category)
    place(old, Kind.PINNED)
    response = client.get(category.get_absolute_url())
    assert response.context["pinned"] == [old]
    assert list(response.context["page_obj"]) == [new]
    html = response.content.decode()
    assert html.index("旧通知") < html.index("新消息")
    assert '<span class="badge">置顶</span>' in html


def test_a_placement_ends_at_its_time_without_anyone_touching_the_site(client):
    article = make_article("限时头条")
    place(article, Kind.HEADLINE, ends_at=timezone.now() + datetime.timedelta(hours=2))
    assert client.get("/").context["headline"] == article
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=3)):
        assert client.get("/").context["headline"] is None  # the cached page was replaced on time


def test_drafts_are_never_placed(client):
    draft = make_article("草稿", status=Article.Status.DRAFT)
    place(draft, Kind.HEADLINE)
    assert client.get("/").context["headline"] is None


def test_editors_set_placements_in_the_admin_and_writers_cannot(client):
    category = make_category(slug="town")
    data = article_form_data(category, title="要闻") | {
        "flags-TOTAL_FORMS": "1", "flags-INITIAL_FORMS": "0", "flags-MIN_NUM_FORMS": "0", "flags-MAX_NUM_FORMS": "1000",
        "flags-0-kind": "headline", "flags-0-order": "1", "flags-0-ends_at_0": "", "flags-0-ends_at_1": "",
    }  # fmt: skip
    client.force_login(make_editor())
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    assert ArticleFlag.objects.get().kind == Kind.HEADLINE
    client.force_login(make_writer())
    client.post(reverse("admin:articles_article_add"), data | {"title": "写手的稿"})
    assert ArticleFlag.objects.count() == 1
    assert Article.objects.filter(title="写手的稿").exists()
