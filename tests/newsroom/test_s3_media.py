"""Media on S3-compatible storage (django-storages), against moto's S3 server: a real HTTP
endpoint started by the test, not an in-process mock."""

import json

import pytest
from django.core.files.storage import storages
from django.urls import reverse

from articles.images.figures import figure_html
from articles.models import Image as LibraryImage
from tests.articles.admin.form_data import upload_form_data
from tests.factories import make_article, uploaded_image
from tests.newsroom.fresh_process import python_with
from tests.newsroom.test_settings import PRODUCTION, manage

pytestmark = pytest.mark.django_db
BUCKET = "newsroom-media"


@pytest.fixture(scope="module")
def s3_server():
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_server, settings, monkeypatch):
    import boto3

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": s3_server,
                "region_name": "us-east-1",
                "querystring_auth": False,
                "file_overwrite": False,
            },
        }
    }
    storages._storages.pop("default", None)  # settings_changed resets it too; be explicit
    yield client
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client):
    listing = client.list_objects_v2(Bucket=BUCKET)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def test_an_upload_and_its_renditions_are_stored_in_the_bucket_once(s3, editor_client, client, s3_server):
    response = editor_client.post(
        reverse("admin:articles_image_add"), upload_form_data(uploaded_image("稻田.png", size=(700, 400)))
    )
    assert response.status_code == 302
    image = LibraryImage.objects.get()
    stem = image.file.name.removesuffix(".png")
    assert keys(s3) == sorted(
        [image.file.name]
        + [f"renditions/{stem}-{w}w.webp" for w in (320, 640, 700)]
        + [f"renditions/{stem}-{w}w.png" for w in (320, 640)]
    )
    assert image.file.url == f"{s3_server}/{BUCKET}/{image.file.name}"  # public, unsigned
    assert (image.width, image.height, image.file_size) == (
        700,
        400,
        s3.head_object(Bucket=BUCKET, Key=image.file.name)["ContentLength"],
    )
    page = client.get(make_article(body=figure_html(image)).get_absolute_url()).content.decode()
    assert f"{s3_server}/{BUCKET}/renditions/{stem}-320w.webp 320w" in page
    image.file.save(
        "again.png", uploaded_image("again.png"), save=False
    )  # renditions are made on upload only
    assert len(keys(s3)) == 7


def test_deleting_an_unused_image_removes_its_objects(s3, admin_client, django_capture_on_commit_callbacks):
    admin_client.post(reverse("admin:articles_image_add"), upload_form_data(uploaded_image(size=(700, 400))))
    image = LibraryImage.objects.get()
    assert len(keys(s3)) == 6
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:articles_image_delete", args=[image.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert keys(s3) == []


def test_health_check_asks_the_bucket(s3, client, s3_server):
    assert client.get("/healthz").json()["storage"] == "ok"
    s3.delete_bucket(Bucket=BUCKET)
    assert client.get("/healthz").json()["storage"] == "error"
    s3.create_bucket(Bucket=BUCKET)


def test_the_bucket_is_configured_by_environment_and_images_may_come_from_it():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.STORAGES['default'], s.SERVE_MEDIA, s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']]))"
    )
    result = python_with(code, AWS_STORAGE_BUCKET_NAME="news-media", AWS_S3_CUSTOM_DOMAIN="media.example.org")
    assert result.returncode == 0, result.stderr
    storage, serve_media, img_src = json.loads(result.stdout)
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "news-media"
    assert (storage["OPTIONS"]["custom_domain"], storage["OPTIONS"]["querystring_auth"]) == (
        "media.example.org",
        False,
    )
    assert serve_media is False
    assert img_src == ["'self'", "data:", "https://media.example.org"]


def test_an_s3_url_as_media_url_names_the_bucket_and_a_folder_in_it():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=PRODUCTION | {"MEDIA_URL": "s3://news-media/site-a"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
