"""Uploads: real images only, sane sizes, cleaned copies stored, nothing half-saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Image as LibraryImage
from tests.articles.admin.form_data import upload_form_data
from tests.factories import image_bytes

pytestmark = pytest.mark.django_db


def post_with_upload(editor_client, upload):
    return editor_client.post(reverse("admin:articles_image_add"), upload_form_data(upload))


def error_codes(response):
    return [[e.code for e in error.error_list] for _name, error in response.context["file_errors"]]


def bomb_png():
    """A small PNG that decodes to 15000×15000 pixels."""
    buffer = io.BytesIO()
    Image.new("1", (15000, 15000)).save(buffer, "PNG")
    return SimpleUploadedFile("bomb.png", buffer.getvalue(), content_type="image/png")


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("notes.png", b"this is not an image", content_type="image/png"),
        SimpleUploadedFile(
            "vector.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        SimpleUploadedFile(
            "cut.png",
            image_bytes("PNG", size=(300, 300))[:200],
            content_type="image/png",
        ),
        SimpleUploadedFile("anim.tiff", image_bytes("TIFF"), content_type="image/tiff"),
    ],
    ids=["text", "svg", "truncated", "tiff"],
)
def test_non_images_get_a_form_error_and_nothing_is_saved(editor_client, upload):
    response = post_with_upload(editor_client, upload)
    assert response.status_code == 200
    assert [name for name, _error in response.context["file_errors"]] == [upload.name]
    assert not LibraryImage.objects.exists()


def test_decompression_bomb_is_refused_with_a_form_error(editor_client):
    response = post_with_upload(editor_client, bomb_png())
    assert error_codes(response) == [["bomb"]]
    assert not LibraryImage.objects.exists()


def test_oversized_file_is_refused(editor_client, settings):
    settings.NEWSROOM_MAX_IMAGE_BYTES = 1000
    big = SimpleUploadedFile("big.png", image_bytes("PNG", size=(400, 400), color=(1, 2, 3)) + b"\0" * 2000)
    response = post_with_upload(editor_client, big)
    assert error_codes(response) == [["too_large"]]
    assert not LibraryImage.objects.exists()


def test_stored_image_is_re_encoded_without_appended_html(editor_client):
    polyglot = SimpleUploadedFile("p.png", image_bytes("PNG") + b"<script>alert(1)</script>")
    post_with_upload(editor_client, polyglot)
    stored = LibraryImage.objects.get().file.read()
    assert b"<script>" not in stored
    assert Image.open(io.BytesIO(stored)).format == "PNG"


def test_gps_exif_is_dropped_and_orientation_applied(editor_client):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° on display
    exif[0x8825] = {1: "N", 2: (39.0, 0.0, 0.0)}  # GPS block
    upload = SimpleUploadedFile("gps.jpg", image_bytes("JPEG", size=(60, 20), exif=exif.tobytes()))
    post_with_upload(editor_client, upload)
    image = LibraryImage.objects.get()
    stored = Image.open(image.file.open())
    assert (image.width, image.height) == (20, 60) == stored.size
    assert 0x8825 not in stored.getexif()
