"""An expiry time takes the article off every public page exactly on time, with no cron job."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db
READER = {"HTTP_USER_AGENT": "Mozilla/5.0 (Android 14) Chrome/120 Mobile Safari/537.36"}


@pytest.mark.parametrize(
    "url",
    [
        reverse("articles:home"),
        reverse("articles:category", kwargs={"slug": "notices"}),
        reverse("articles:tag", kwargs={"slug": "ting-shui"}),
        reverse("articles:search") + "?q=停水",
        reverse("articles:feed"),
        "/sitemap-articles.xml",
    ],
)
def test_an_expired_notice_leaves_every_listing_at_its_expiry_time(client, url):
    expiry = (timezone.now() + datetime.timedelta(hours=2)).replace(microsecond=0)
    notice = make_article("停水通知", make_category(slug="notices"), tags=["停水"], expire_at=expiry)
    with time_machine.travel(expiry - datetime.timedelta(seconds=1), tick=False):
        assert notice.get_absolute_url() in client.get(url, **READER).content.decode()  # and now cached
        assert client.get(notice.get_absolute_url(), **READER).status_code == 200
    with time_machine.travel(expiry, tick=False):
        assert notice.get_absolute_url() not in client.get(url, **READER).content.decode()
        assert client.get(notice.get_absolute_url(), **READER).status_code == 404


def test_an_expiry_before_the_publish_time_is_refused_in_the_form(editor_client):
    from tests.articles.admin.form_data import article_form_data

    now = timezone.localtime()
    earlier = now - datetime.timedelta(days=1)
    data = article_form_data(
        make_category(),
        expire_at_0=earlier.strftime("%Y-%m-%d"),
        expire_at_1=earlier.strftime("%H:%M:%S"),
    )
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert [e.code for e in response.context["adminform"].form.errors.as_data()["expire_at"]] == [
        "before_publish_time"
    ]
