"""Uploads that used to crash the save (500, work lost, files left behind) now save or
get a form error that says why."""

import contextlib
import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.images.figures import figure_html
from articles.integrity import renditions
from articles.models import Article
from articles.models import Image as LibraryImage
from tests.articles.admin.form_data import article_form_data, upload_form_data
from tests.factories import image_bytes, make_article, make_category

pytestmark = pytest.mark.django_db


def post(editor_client, upload=None, **overrides):
    """An upload to the image library, or (no upload) an article form."""
    if upload is None:
        data = article_form_data(make_category(), **overrides)
        return editor_client.post(reverse("admin:articles_article_add"), data)
    return editor_client.post(reverse("admin:articles_image_add"), upload_form_data(upload, **overrides))


def image_error_codes(response):
    return [e.code for _name, error in response.context["file_errors"] for e in error.error_list]


def stored_files():
    found = []

    def walk(folder):
        directories, files = default_storage.listdir(folder)
        found.extend(f"{folder}/{name}".lstrip("/") for name in files)
        for directory in directories:
            walk(f"{folder}/{directory}".lstrip("/"))

    with contextlib.suppress(FileNotFoundError):  # nothing stored at all
        walk("")
    return found


def test_a_camera_jpeg_with_an_mpf_preview_saves_its_first_frame(editor_client):
    buffer = io.BytesIO()
    first, preview = Image.new("RGB", (80, 60), (10, 120, 40)), Image.new("RGB", (16, 12))
    first.save(buffer, "MPO", save_all=True, append_images=[preview])
    response = post(editor_client, SimpleUploadedFile("camera.jpg", buffer.getvalue(), "image/jpeg"))
    assert response.status_code == 302
    figure = LibraryImage.objects.get()
    stored = Image.open(figure.file.open())
    assert (stored.format, stored.size) == ("JPEG", (80, 60))
    assert figure.file.name.endswith(".jpg")


def test_an_infographic_taller_than_webp_allows_saves_and_shows(editor_client, client):
    tall = SimpleUploadedFile("一图读懂.png", image_bytes("PNG", size=(400, 17000)), "image/png")
    response = post(editor_client, tall)
    assert response.status_code == 302
    figure = LibraryImage.objects.get()
    by_width = {r["width"]: r for r in figure.renditions}
    assert sorted(by_width) == [320, 400]
    assert by_width[320]["webp"].endswith(".webp")  # 13,600 px tall: WebP can carry it
    assert by_width[400]["webp"] is None  # 17,000 px: more than WebP's 16,383
    page = client.get(make_article("一图读懂", body=figure_html(figure)).get_absolute_url())
    assert page.status_code == 200
    assert 'srcset="' in page.content.decode()


@pytest.mark.parametrize(
    "name",
    ["\U00020000" * 99 + ".png", "🎉🎉🎉.png", "../../etc/passwd.png", ".htaccess.png"],
    ids=["99-chars-of-4-byte-utf8", "emoji-only", "traversal", "dotfile"],
)
def test_any_file_name_is_stored_under_a_random_visible_name(editor_client, name):
    response = post(editor_client, SimpleUploadedFile(name, image_bytes("PNG"), "image/png"))
    assert response.status_code == 302
    stored = LibraryImage.objects.get().file.name
    assert re.fullmatch(r"images/\d{4}/\d{2}/[A-Za-z0-9_-]{16,}\.png", stored), stored


def test_two_uploads_of_the_same_name_get_unguessable_distinct_names(editor_client):
    post(editor_client, SimpleUploadedFile("photo.png", image_bytes("PNG"), "image/png"))
    post(editor_client, SimpleUploadedFile("photo.png", image_bytes("PNG"), "image/png"))
    first, second = LibraryImage.objects.values_list("file", flat=True)
    assert first != second
    assert "photo" not in first + second


def test_an_animated_gif_is_refused_with_a_message_not_flattened(editor_client):
    buffer = io.BytesIO()
    frames = [Image.new("RGB", (20, 20), color) for color in ((200, 0, 0), (0, 200, 0), (0, 0, 200))]
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    response = post(editor_client, SimpleUploadedFile("动图.gif", buffer.getvalue(), "image/gif"))
    assert image_error_codes(response) == ["animated"]
    assert not LibraryImage.objects.exists()


def test_a_large_photo_is_stored_no_wider_than_the_limit(editor_client, settings):
    settings.NEWSROOM_MAX_IMAGE_WIDTH = 100
    post(editor_client, SimpleUploadedFile("big.jpg", image_bytes("JPEG", size=(400, 300)), "image/jpeg"))
    figure = LibraryImage.objects.get()
    assert (figure.width, figure.height) == (100, 75)
    assert Image.open(figure.file.open()).size == (100, 75)


def test_a_body_over_the_limit_is_a_form_error_that_keeps_the_input(editor_client, settings):
    body = "<p>" + "很长的正文。" * 170_000 + "</p>"  # over a million characters, 3 MB
    response = post(editor_client, title="超长稿件", body=body)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["body"]
    assert errors == [
        f"正文有 {len(body):,} 个字符，上限为 {settings.NEWSROOM_MAX_BODY_CHARS:,} 个。请拆分成几篇文章。"
    ]
    assert 'value="超长稿件"' in response.content.decode()
    assert not Article.objects.exists()


def test_files_written_for_a_save_that_fails_are_removed(monkeypatch):
    figure = LibraryImage(
        title="x",
        file=SimpleUploadedFile("p.png", image_bytes("PNG", size=(700, 500)), "image/png"),
        alt_text="图",
    )

    def failing_save(*args, **kwargs):
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        renditions.save_with_renditions(figure, failing_save, "file", "renditions")
    assert stored_files() == []


def test_a_request_larger_than_the_limit_is_refused_before_it_is_read(editor_client, settings):
    response = editor_client.generic(
        "POST",
        reverse("admin:articles_article_add"),
        b"x" * 10,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(settings.NEWSROOM_MAX_REQUEST_BYTES + 1),
    )
    assert response.status_code == 413
    assert response.content.decode() == "上传内容过大：每次请求最多 100.0\xa0MB。"


@pytest.mark.django_db(transaction=True)
def test_images_are_processed_before_any_transaction_takes_the_write_lock(editor_client, monkeypatch):
    from django.db import connection

    in_transaction = []
    real = renditions.make_renditions

    def watching(fieldfile):
        in_transaction.append(connection.in_atomic_block)
        return real(fieldfile)

    monkeypatch.setattr(renditions, "make_renditions", watching)
    response = post(
        editor_client, SimpleUploadedFile("p.png", image_bytes("PNG", size=(700, 500)), "image/png")
    )
    assert response.status_code == 302
    assert in_transaction == [False]
    figure = LibraryImage.objects.get()
    assert sorted(stored_files()) == sorted(
        [figure.file.name]
        + [r["webp"] for r in figure.renditions]
        + [r["fallback"] for r in figure.renditions[:-1]]
    )


@pytest.mark.django_db(transaction=True)
def test_an_upload_on_a_refused_form_leaves_no_files(editor_client):
    upload = SimpleUploadedFile("p.png", image_bytes("PNG"), "image/png")
    response = post(editor_client, upload, tags="标" * 101)
    assert response.status_code == 200  # a tag has at most 100 characters: nothing is stored
    assert [name for name, _error in response.context["file_errors"]] == ["标签"]
    assert stored_files() == []
