"""Uploads: real images only, sane sizes, cleaned copies stored, nothing half-saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article, ArticleImage
from tests.articles.admin.form_data import article_form_data, with_image
from tests.factories import image_bytes, make_category

pytestmark = pytest.mark.django_db


def post_with_upload(editor_client, upload):
    category = make_category(slug="town")
    return editor_client.post(
        reverse("admin:articles_article_add"),
        with_image(article_form_data(category), upload),
    )


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
    assert response.context["inline_admin_formsets"][0].formset.errors[0]["image"]
    assert not Article.objects.exists() and not ArticleImage.objects.exists()


def test_decompression_bomb_is_refused_with_a_form_error(editor_client):
    response = post_with_upload(editor_client, bomb_png())
    form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert [error.code for error in form.errors.as_data()["image"]] == ["bomb"]
    assert not Article.objects.exists()


def test_oversized_file_is_refused(editor_client, settings):
    settings.NEWSROOM_MAX_IMAGE_BYTES = 1000
    big = SimpleUploadedFile("big.png", image_bytes("PNG", size=(400, 400), color=(1, 2, 3)) + b"\0" * 2000)
    response = post_with_upload(editor_client, big)
    assert response.context["inline_admin_formsets"][0].formset.errors[0]["image"]
    assert not Article.objects.exists()


def test_stored_image_is_re_encoded_without_appended_html(editor_client):
    polyglot = SimpleUploadedFile("p.png", image_bytes("PNG") + b"<script>alert(1)</script>")
    post_with_upload(editor_client, polyglot)
    stored = ArticleImage.objects.get().image.read()
    assert b"<script>" not in stored
    assert Image.open(io.BytesIO(stored)).format == "PNG"


def test_gps_exif_is_dropped_and_orientation_applied(editor_client):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° on display
    exif[0x8825] = {1: "N", 2: (39.0, 0.0, 0.0)}  # GPS block
    upload = SimpleUploadedFile("gps.jpg", image_bytes("JPEG", size=(60, 20), exif=exif.tobytes()))
    post_with_upload(editor_client, upload)
    image = ArticleImage.objects.get()
    stored = Image.open(image.image.open())
    assert (image.width, image.height) == (20, 60) == stored.size
    assert 0x8825 not in stored.getexif()
