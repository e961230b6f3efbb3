"""Feeds per section, in RSS and Atom, as a feed reader parses them."""

import feedparser
import pytest
from django.conf import settings
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article, make_category, make_image, uploaded_image

pytestmark = pytest.mark.django_db


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


@pytest.fixture
def sections():
    news = make_category("新闻中心", slug="news")
    town = make_category("镇街动态", slug="town", parent=news)
    school = make_category("校园新闻", slug="school")
    live_town = make_article(
        "镇里开会", town, tags=["民生"], summary="会议摘要", cover=make_image(file=uploaded_image("c.png"))
    )
    live_news = make_article("新闻中心要闻", news, tags=["民生"])
    live_school = make_article("学校运动会", school, tags=["教育"])
    make_article("镇里草稿", town, tags=["民生"], status=Article.Status.DRAFT)
    return news, town, school, live_town, live_news, live_school


@pytest.mark.parametrize("kind", ["feed", "atom"])
def test_a_category_feed_lists_its_subcategories_live_articles_only(client, sections, kind):
    news, town, school, live_town, live_news, live_school = sections
    feed = parsed(client, reverse(f"articles:category-{kind}", kwargs={"slug": "news"}))
    assert feed.feed.title == "新闻中心"
    assert feed.feed.link == settings.NEWSROOM_SITE_URL + news.get_absolute_url()
    assert {entry.title for entry in feed.entries} == {"镇里开会", "新闻中心要闻"}


@pytest.mark.parametrize("kind", ["feed", "atom"])
def test_a_tag_feed_lists_live_articles_with_the_tag(client, sections, kind):
    feed = parsed(client, reverse(f"articles:tag-{kind}", kwargs={"slug": "min-sheng"}))
    assert [entry.title for entry in feed.entries] == ["镇里开会", "新闻中心要闻"]


def test_items_carry_summary_times_categories_author_and_cover(client, sections):
    live_town = sections[3]
    feed = parsed(client, reverse("articles:feed"))
    (entry,) = [e for e in feed.entries if e.title == "镇里开会"]
    assert entry.summary == "会议摘要"
    assert [tag.term for tag in entry.tags] == ["镇街动态", "民生"]
    assert (
        entry.published_parsed is not None
        and entry.link == settings.NEWSROOM_SITE_URL + live_town.get_absolute_url()
    )
    (enclosure,) = entry.enclosures
    assert enclosure.href == settings.NEWSROOM_SITE_URL + live_town.cover.file.url
    assert enclosure.type == "image/png"
    assert int(enclosure.length) == live_town.cover.file_size
    atom = parsed(client, reverse("articles:atom"))
    (entry,) = [e for e in atom.entries if e.title == "镇里开会"]
    assert entry.updated_parsed is not None and entry.published_parsed is not None


def test_pages_announce_their_feeds(client, sections):
    news = sections[0]
    home = client.get("/").content.decode()
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="最新动态" href="{reverse("articles:feed")}">'
        in home
    )
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="最新动态" href="{reverse("articles:atom")}">'
        in home
    )
    category = client.get(news.get_absolute_url()).content.decode()
    assert (
        f'type="application/rss+xml" title="新闻中心" href="{reverse("articles:category-feed", kwargs={"slug": "news"})}"'
        in category
    )
    tag = client.get(reverse("articles:tag", kwargs={"slug": "min-sheng"})).content.decode()
    assert (
        f'type="application/atom+xml" title="民生" href="{reverse("articles:tag-atom", kwargs={"slug": "min-sheng"})}"'
        in tag
    )


def test_feeds_of_hidden_categories_and_draft_only_tags_are_not_found(client):
    hidden = make_category("内部", slug="internal", is_visible=False)
    make_article("内部文章", hidden, tags=["内部标签"], status=Article.Status.DRAFT)
    assert client.get(reverse("articles:category-feed", kwargs={"slug": "internal"})).status_code == 404
    assert client.get(reverse("articles:tag-feed", kwargs={"slug": "nei-bu-biao-qian"})).status_code == 404
