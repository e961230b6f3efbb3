"""Views cannot be forged: not by another site's <img>, not by a load tool, not by one
busy address steering the popular lists."""

import pytest
from django.conf import settings
from django.urls import reverse

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36"


def views(article):
    return Article.objects.select_related("views").get(pk=article.pk).view_count


@pytest.fixture
def beacon_mode(settings):
    settings.NEWSROOM_PROXY_CACHE_SECONDS = 60


def beacon(article):
    return reverse("articles:beacon", kwargs={"pk": article.pk})


def test_the_beacon_does_not_answer_when_pages_count_themselves(client):
    article = make_article()
    assert client.get(beacon(article), HTTP_USER_AGENT=BROWSER).status_code == 404
    assert views(article) == 0


def test_the_beacon_counts_a_same_origin_image_request(client, beacon_mode):
    article = make_article()
    client.get(beacon(article), HTTP_USER_AGENT=BROWSER, HTTP_SEC_FETCH_SITE="same-origin")
    assert views(article) == 1


def test_the_beacon_embedded_on_another_site_counts_nothing(client, beacon_mode):
    article = make_article()
    client.get(beacon(article), HTTP_USER_AGENT=BROWSER, HTTP_SEC_FETCH_SITE="cross-site")
    client.get(beacon(article), HTTP_USER_AGENT=BROWSER, HTTP_REFERER="https://spam.example/page")
    client.get(beacon(article), HTTP_USER_AGENT=BROWSER)  # no sign of where it was shown
    assert views(article) == 0


def test_an_older_browser_on_the_site_itself_counts_by_its_referer(client, beacon_mode):
    article = make_article()
    client.get(
        beacon(article),
        HTTP_USER_AGENT=BROWSER,
        HTTP_REFERER=settings.NEWSROOM_SITE_URL + article.get_absolute_url(),
    )
    assert views(article) == 1


def test_an_article_page_loaded_as_an_image_or_frame_counts_nothing(client):
    article = make_article()
    for destination in ("image", "iframe", "script", "empty"):
        client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER, HTTP_SEC_FETCH_DEST=destination)
    assert views(article) == 0
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER, HTTP_SEC_FETCH_DEST="document")
    client.get(article.get_absolute_url(), HTTP_USER_AGENT=BROWSER)  # a browser without the header
    assert views(article) == 2


def test_apachebench_is_not_a_reader(client):
    article = make_article()
    client.get(article.get_absolute_url(), HTTP_USER_AGENT="ApacheBench/2.3")
    assert views(article) == 0


def test_one_address_counts_at_most_the_cap_per_article_per_window(client, settings):
    settings.NEWSROOM_VIEWS_PER_ADDRESS = 3
    steered, other = make_article(), make_article()
    for _ in range(10):
        client.get(steered.get_absolute_url(), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.9")
    client.get(other.get_absolute_url(), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.9")
    client.get(steered.get_absolute_url(), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.7")
    assert views(steered) == 4
    assert views(other) == 1


def test_behind_trusted_proxies_the_cap_is_per_forwarded_address(client, settings):
    settings.NEWSROOM_VIEWS_PER_ADDRESS = 1
    settings.NEWSROOM_TRUSTED_PROXIES = 1
    article = make_article()
    for reader in ("203.0.113.1", "203.0.113.2", "203.0.113.2"):
        client.get(
            article.get_absolute_url(),
            HTTP_USER_AGENT=BROWSER,
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, {reader}",  # the first entry is whatever the client sent
        )
    assert views(article) == 2
