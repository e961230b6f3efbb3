"""Cached pages: fast for readers, never stale after an editorial change or a scheduled go-live."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.images.figures import figure_html
from articles.models import Article
from tests.factories import make_article, make_category, make_image

pytestmark = pytest.mark.django_db
READER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Android 14) Chrome/120 Mobile Safari/537.36"}


def shown(client, url):
    """The page's text, or nothing if the page is gone (a tag no live article carries)."""
    response = client.get(url, **READER)
    return "" if response.status_code == 404 else page(client, url)


def page(client, url):
    response = client.get(url, **READER)
    assert response.status_code == 200
    return response.content.decode()


def test_a_cached_home_page_costs_no_queries(client):
    make_article("稻田丰收")
    page(client, "/")
    with CaptureQueriesContext(connection) as context:
        assert "稻田丰收" in page(client, "/")
    assert len(context) == 0


@pytest.mark.parametrize(
    "change",
    ["publish", "edit", "unpublish", "move", "tag", "image", "delete"],
)
def test_every_editorial_change_shows_at_once(client, change):
    town, school = make_category("镇街动态", slug="town"), make_category("校园新闻", slug="school")
    article = make_article(
        "原来的标题",
        town,
        tags=["旧标签"],
        status=Article.Status.DRAFT if change == "publish" else "published",
    )
    urls = [
        "/",
        reverse("articles:category", kwargs={"slug": "town"}),
        reverse("articles:tag", kwargs={"slug": "jiu-biao-qian"}),
    ]
    before = [shown(client, url) for url in urls]
    if change == "publish":
        article.status = Article.Status.PUBLISHED
        article.save()
        assert all("原来的标题" in page(client, url) for url in urls)
        assert all("原来的标题" not in html for html in before)
        return
    if change == "edit":
        article.title = "改过的标题"
        article.save()
        expected = [("改过的标题", True)] * 3
    elif change == "unpublish":
        article.status = Article.Status.DRAFT
        article.save()
        expected = [("原来的标题", False)] * 3
    elif change == "move":
        article.category = school
        article.save()
        expected = [("原来的标题", True), ("原来的标题", False), ("原来的标题", True)]
    elif change == "tag":
        article.tags.remove("旧标签")
        expected = [("原来的标题", True), ("原来的标题", True), ("原来的标题", False)]
    elif change == "image":
        image = make_image(caption="旧配图说明")
        article.body += figure_html(image, caption_html="")  # no caption of its own: the library's
        article.save()
        assert "旧配图说明" in page(client, article.get_absolute_url())
        image.caption = "新配图说明"
        image.save()
        assert "新配图说明" in page(client, article.get_absolute_url())
        return
    else:
        article.delete()
        expected = [("原来的标题", False)] * 3
    for url, (text, present), old in zip(urls, expected, before, strict=True):
        assert "原来的标题" in old
        assert (text in shown(client, url)) is present, url


def test_article_text_edit_shows_on_its_page_at_once(client):
    article = make_article("标题", body="<p>旧的正文</p>")
    assert "旧的正文" in page(client, article.get_absolute_url())
    article.body = "<p>新的正文</p>"
    article.save()
    assert "新的正文" in page(client, article.get_absolute_url())


def test_scheduled_article_goes_live_without_any_edit(client):
    go_live = timezone.now() + datetime.timedelta(hours=1)
    make_article("定时发布的新闻", publish_at=go_live)
    assert "定时发布的新闻" not in page(client, "/")
    with time_machine.travel(go_live + datetime.timedelta(seconds=1)):
        assert "定时发布的新闻" in page(client, "/")


def test_staff_never_get_a_cached_page(client, admin_user):
    article = make_article("第一版")
    page(client, "/")
    client.force_login(admin_user)
    Article.objects.filter(pk=article.pk).update(
        title="第二版"
    )  # bypasses signals: only a fresh render shows it
    assert "第二版" in page(client, "/")


def test_a_cached_article_page_still_counts_every_view(client):
    article = make_article("稻田")
    assert "<span data-views>1</span>" in page(client, article.get_absolute_url())
    with CaptureQueriesContext(connection) as context:
        assert "<span data-views>2</span>" in page(client, article.get_absolute_url())
    selects = [q["sql"] for q in context.captured_queries if q["sql"].startswith("SELECT")]
    assert len(selects) == 1 and "articles_viewcount" in selects[0]  # the page itself came from the cache


def test_unchanged_page_answers_304(client):
    make_article("稻田")
    etag = client.get("/")["ETag"]
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_behind_a_proxy_the_beacon_counts_and_the_page_is_shareable(client, settings):
    settings.NEWSROOM_PROXY_CACHE_SECONDS = 60
    article = make_article("稻田")
    response = client.get(article.get_absolute_url(), **READER)
    assert "s-maxage=60" in response["Cache-Control"] and "public" in response["Cache-Control"]
    beacon = reverse("articles:beacon", kwargs={"pk": article.pk})
    assert f'src="{beacon}"' in response.content.decode()
    article.refresh_from_db()
    assert article.view_count == 0
    hit = client.get(beacon, HTTP_SEC_FETCH_SITE="same-origin", **READER)
    assert hit["Content-Type"] == "image/gif" and "no-cache" in hit["Cache-Control"]
    article = Article.objects.select_related("views").get(pk=article.pk)
    assert article.view_count == 1
    assert (
        client.get(beacon, HTTP_USER_AGENT="Baiduspider", HTTP_SEC_FETCH_SITE="same-origin").status_code
        == 200
    )
    assert Article.objects.get(pk=article.pk).views.total == 1


def test_optional_window_counts_a_browser_once(client, settings):
    settings.NEWSROOM_VIEW_WINDOW_SECONDS = 3600
    article = make_article("稻田")
    for _ in range(3):
        client.get(article.get_absolute_url(), **READER)
    other_reader = client.__class__()
    other_reader.get(article.get_absolute_url(), **READER)
    client.cookies["nr_seen"] = "forged-value"
    client.get(article.get_absolute_url(), **READER)
    assert Article.objects.get(pk=article.pk).views.total == 3


def test_behind_a_proxy_staff_previews_are_never_shared(client, settings, admin_user):
    settings.NEWSROOM_PROXY_CACHE_SECONDS = 60
    draft = make_article("草稿", status=Article.Status.DRAFT)
    client.force_login(admin_user)
    for url in (draft.get_absolute_url(), "/"):
        cache_control = client.get(url)["Cache-Control"]
        assert (
            "private" in cache_control and "public" not in cache_control and "s-maxage" not in cache_control
        )


def test_a_tag_added_shows_on_the_cached_article_page(client):
    article = make_article("稻田")
    assert "新标签" not in page(client, article.get_absolute_url())
    article.tags.add("新标签")
    assert 'rel="tag">新标签</a>' in page(client, article.get_absolute_url())


def test_query_parameters_no_page_reads_share_one_cache_entry(client):
    make_article("稻田丰收")
    first = client.get("/?x=1", **READER)
    assert first.templates  # rendered
    for query in ("?x=2", "?utm_source=wechat&x=3", "?from=timeline"):
        response = client.get("/" + query, **READER)
        assert response.templates == []  # served from the one entry, not rendered and stored again
        assert "稻田丰收" in response.content.decode()


def test_page_numbers_are_cached_apart(client):
    category = make_category(slug="town")
    newest = make_article("最新的文章", category)
    for number in range(20):
        make_article(
            f"较早的文章{number}", category, publish_at=newest.publish_at - datetime.timedelta(days=1)
        )
    url = reverse("articles:category", kwargs={"slug": "town"})
    assert client.get(url, {"page": 1}, **READER).context["page_obj"].number == 1
    assert client.get(url, {"page": 2}, **READER).context["page_obj"].number == 2


def test_a_logged_in_reader_gets_the_cached_readers_page_and_is_counted(client, django_user_model):
    article = make_article("读者看的文章")
    page(client, article.get_absolute_url())  # an anonymous reader fills the cache
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    response = client.get(article.get_absolute_url(), **READER)
    assert response.templates == []
    assert response["Cache-Control"] == "max-age=0, must-revalidate"
    article.views.refresh_from_db()
    assert article.views.total == 2


@pytest.mark.parametrize("order", ["relevance", "date"])
def test_search_pages_are_cached_and_stay_noindex(client, order, django_assert_num_queries):
    make_article("稻田丰收")
    url = reverse("articles:search") + f"?q=稻田&order={order}"
    first = client.get(url, **READER)
    with django_assert_num_queries(0):
        again = client.get(url, **READER)
    assert again.content == first.content
    assert again["X-Robots-Tag"] == "noindex, nofollow"
    assert again["Content-Type"] == "text/html; charset=utf-8"


def test_feed_and_sitemap_keep_their_type_from_the_cache(client):
    make_article("稻田丰收")
    for url, content_type in (
        ("/feed/", "application/rss+xml; charset=utf-8"),
        ("/sitemap.xml", "application/xml"),
    ):
        client.get(url, **READER)
        assert client.get(url, **READER)["Content-Type"] == content_type


def test_a_renamed_category_shows_in_the_menu_of_every_page_at_once(client):
    news = make_category("新闻中心", slug="news")
    article = make_article(category=news)
    assert ">新闻中心</a>" in page(client, article.get_absolute_url())
    news.name = "要闻"
    news.save()
    assert ">要闻</a>" in page(client, article.get_absolute_url())
