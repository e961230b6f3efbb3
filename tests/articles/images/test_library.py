"""The image library: upload once, place in many articles, search, delete only what is unused."""

import datetime
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from articles.images.figures import figure_html
from articles.models import Article, Figure
from articles.models import Image as LibraryImage
from articles.workflow import transitions
from tests.articles.admin.form_data import article_form_data, upload_form_data, with_figure
from tests.factories import (
    image_bytes,
    make_article,
    make_category,
    make_chief,
    make_image,
    make_writer,
    uploaded_image,
)

pytestmark = pytest.mark.django_db


def stored_files(settings):
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_one_image_is_placed_in_two_articles_and_both_pages_show_its_picture(client):
    image = make_image(title="稻田航拍", alt_text="金黄的稻田", file=uploaded_image("f.png", size=(700, 400)))
    first = make_article("秋收", body=f"<p>秋收开始。</p>{figure_html(image)}")
    second = make_article("丰收节", body=f"<p>丰收节。</p>{figure_html(image)}")
    stem = image.file.name.removesuffix(".png")
    for article in (first, second):
        page = client.get(article.get_absolute_url()).content.decode()
        assert f"/media/renditions/{stem}-320w.webp 320w" in page
        assert 'width="700" height="400" alt="金黄的稻田" loading="lazy"' in page
    assert sorted(Figure.objects.values_list("article__title", flat=True)) == ["丰收节", "秋收"]
    assert LibraryImage.objects.count() == 1


def test_deleting_an_image_in_use_is_refused_with_the_articles_that_use_it(admin_client):
    image = make_image(title="会场")
    make_article("镇里开会", body=figure_html(image))
    make_article("封面用了它", cover=image)
    url = reverse("admin:articles_image_delete", args=[image.pk])
    page = admin_client.get(url).content.decode()
    assert "镇里开会" in page and "封面用了它" in page
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200  # the confirmation page again, listing what protects it
    assert LibraryImage.objects.filter(pk=image.pk).exists()


def test_deleting_an_unused_image_removes_its_file_and_renditions(
    admin_client, settings, django_capture_on_commit_callbacks
):
    before = stored_files(settings)
    image = make_image(file=uploaded_image("big.png", size=(1000, 600)))
    article = make_article(body=figure_html(image))
    assert len(stored_files(settings)) == len(before) + 1 + 4 + 3  # the image, 4 WebP, 3 smaller PNGs
    article.body = "<p>换了文字，没有图了</p>"
    article.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("admin:articles_image_delete", args=[image.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert stored_files(settings) == before


def test_the_chooser_finds_images_by_chinese_words_in_title_caption_alt_text_and_tags(editor_client):
    by_title = make_image(title="双港镇稻田航拍")
    by_caption = make_image(title="IMG_2041", caption="收割机在稻田里作业")
    by_alt = make_image(title="IMG_2042", alt_text="稻田边的农民")
    by_tag = make_image(title="IMG_2043")
    by_tag.tags.add("稻田")
    make_image(title="学校运动会", caption="田径比赛")  # 田 alone is not 稻田
    url = reverse("admin:articles_image_choose")
    found = editor_client.get(url, {"q": "稻田"}).context["page_obj"].object_list
    assert {image.pk for image in found} == {by_title.pk, by_caption.pk, by_alt.pk, by_tag.pk}
    tagged = editor_client.get(url, {"tag": by_tag.tags.get().slug}).context["page_obj"].object_list
    assert [image.pk for image in tagged] == [by_tag.pk]
    english = editor_client.get(url, {"q": "img_204"}).context["page_obj"].object_list
    assert {image.pk for image in english} == {by_caption.pk, by_alt.pk, by_tag.pk}


def test_the_chooser_filters_by_upload_month_and_keeps_the_opener_in_its_links(editor_client):
    old = make_image(title="去年的图")
    LibraryImage.objects.filter(pk=old.pk).update(uploaded_at=timezone.now() - datetime.timedelta(days=400))
    new = make_image(title="今年的图")
    url = reverse("admin:articles_image_choose")
    month = timezone.localtime(timezone.now()).strftime("%Y-%m")
    response = editor_client.get(url, {"month": month, "CKEditorFuncNum": "-1"})
    assert [image.pk for image in response.context["page_obj"].object_list] == [new.pk]
    page = response.content.decode()
    assert '<input type="hidden" name="CKEditorFuncNum" value="-1">' in page
    assert f'data-choose="{new.pk}" data-url="{new.file.url}" data-alt="{new.alt_text}"' in page


def test_the_chooser_uploads_in_place_and_shows_the_new_image_first(editor_client):
    url = reverse("admin:articles_image_choose") + "?_popup=1&_to_field=id"
    response = editor_client.post(url, upload_form_data(uploaded_image("新照片.png")))
    assert response.status_code == 200
    (image,) = response.context["created"]
    assert (image.title, image.uploaded_by.username) == ("新照片", "editor")


def test_several_files_upload_at_once_and_a_bad_one_is_named_while_the_good_ones_are_kept(editor_client):
    files = [
        uploaded_image("一.png"),
        SimpleUploadedFile("坏的.png", b"not an image at all", content_type="image/png"),
        uploaded_image("三.jpg", format="JPEG"),
    ]
    response = editor_client.post(reverse("admin:articles_image_add"), upload_form_data(*files, tags="秋收"))
    assert response.status_code == 200
    assert [name for name, _error in response.context["file_errors"]] == ["坏的.png"]
    assert "<strong>坏的.png</strong>" in response.content.decode()
    assert sorted(LibraryImage.objects.values_list("title", flat=True)) == ["一", "三"]
    assert {tuple(image.tags.names()) for image in LibraryImage.objects.all()} == {("秋收",)}


def test_a_good_upload_lands_on_the_list_of_the_new_images_waiting_for_alt_text(editor_client):
    response = editor_client.post(
        reverse("admin:articles_image_add"),
        upload_form_data(uploaded_image("a.png"), uploaded_image("b.png")),
    )
    ids = ",".join(str(pk) for pk in LibraryImage.objects.order_by("pk").values_list("pk", flat=True))
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_image_changelist") + f"?id__in={ids}"
    listing = editor_client.get(response["Location"])
    assert listing.context["cl"].result_count == 2


def test_a_writer_may_upload_but_not_delete_images(client):
    client.force_login(make_writer())
    image = make_image()
    assert (
        client.post(reverse("admin:articles_image_add"), upload_form_data(uploaded_image())).status_code
        == 302
    )
    assert (
        client.post(reverse("admin:articles_image_delete", args=[image.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert LibraryImage.objects.count() == 2


def test_a_reader_cannot_open_the_chooser(client):
    response = client.get(reverse("admin:articles_image_choose"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_image_typed_by_address_into_the_body_is_refused_with_a_message(editor_client):
    data = article_form_data(make_category())
    data["body"] += '<figure class="figure"><img src="https://casino.example/x.png" alt="x"></figure>'
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    (error,) = response.context["adminform"].form.errors["body"]
    assert error.endswith("https://casino.example/x.png")
    assert not Article.objects.exists()


def test_a_library_image_placed_from_the_editor_is_saved_with_the_librarys_address(editor_client):
    image = make_image()
    data = with_figure(article_form_data(make_category()), image, alt_text="会场全景", caption="会场")
    data["body"] = data["body"].replace(image.file.url, "https://elsewhere.example/swapped.png")
    response = editor_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.body.endswith(
        f'<figure class="figure"><img src="{image.file.url}" alt="会场全景" data-file="{image.pk}">'
        '<figcaption class="figure-caption">会场</figcaption></figure>'
    )
    assert list(article.figures.values_list("image", flat=True)) == [image.pk]


class TestAltText:
    def publish(self, article):
        return transitions.perform("publish", article, make_chief())

    def test_an_article_using_an_image_without_alt_text_is_not_published_and_the_message_names_it(self):
        image = make_image(title="会场照片", alt_text="")
        category = make_category(review_levels=0)
        article = make_article(status=Article.Status.DRAFT, category=category, body=figure_html(image))
        with pytest.raises(transitions.Refused, match=re.escape(f"“会场照片”（图片 {image.pk}）")):
            self.publish(article)
        assert Article.objects.get().status == Article.Status.DRAFT

    def test_a_cover_without_alt_text_blocks_publishing_too(self):
        cover = make_image(title="封面", alt_text="")
        article = make_article(
            status=Article.Status.DRAFT, category=make_category(review_levels=0), cover=cover
        )
        with pytest.raises(transitions.Refused, match="“封面”"):
            self.publish(article)

    def test_alt_text_given_in_the_figure_or_a_decorative_image_may_be_published(self, client):
        described_here = make_image(title="a", alt_text="")
        ornament = make_image(title="b", alt_text="", decorative=True)
        article = make_article(
            status=Article.Status.DRAFT,
            category=make_category(review_levels=0),
            body=figure_html(described_here, alt="镇长讲话") + figure_html(ornament),
        )
        live = self.publish(article)
        page = client.get(live.get_absolute_url()).content.decode()
        assert 'alt="镇长讲话"' in page and 'alt=""' in page


@pytest.mark.parametrize(
    ("photo", "orientation", "has_gps"),
    [("camera-gps.jpg", 1, True), ("camera-orientation-6.jpg", 6, False)],
)
def test_real_camera_jpegs_are_stored_upright_without_gps_or_orientation_tags(
    editor_client, photo, orientation, has_gps
):
    from PIL import Image, ImageOps

    path = Path(__file__).parents[2] / "data" / photo
    original = Image.open(path)
    assert (original.getexif().get(0x0112), bool(original.getexif().get_ifd(0x8825))) == (
        orientation,
        has_gps,
    )
    upright = ImageOps.exif_transpose(original)
    response = editor_client.post(
        reverse("admin:articles_image_add"), upload_form_data(SimpleUploadedFile(photo, path.read_bytes()))
    )
    assert response.status_code == 302
    stored = LibraryImage.objects.get()
    cleaned = Image.open(stored.file.open())
    assert cleaned.size == upright.size == (stored.width, stored.height)
    assert not cleaned.getexif().get_ifd(0x8825) and 0x0112 not in cleaned.getexif()
    # The same picture, turned as the camera meant: compare a downscaled copy pixel by pixel.
    small = [im.convert("L").resize((32, 24)) for im in (upright, cleaned)]
    assert max(abs(a - b) for a, b in zip(small[0].tobytes(), small[1].tobytes(), strict=True)) < 40


def test_a_huge_batch_is_refused_with_a_message(editor_client, settings):
    files = [SimpleUploadedFile(f"{n}.png", image_bytes("PNG", size=(2, 2))) for n in range(51)]
    response = editor_client.post(reverse("admin:articles_image_add"), upload_form_data(*files))
    assert response.context["form"].errors["files"] == ["一次最多上传 50 张图片。"]
    assert not LibraryImage.objects.exists()


def test_the_cover_field_opens_the_chooser_and_shows_the_chosen_image(editor_client):
    cover = make_image(title="封面照片")
    article = make_article(status=Article.Status.DRAFT, cover=cover)
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    chooser = reverse("admin:articles_image_choose")
    assert f'href="{chooser}?_to_field=id" class="related-lookup" id="lookup_id_cover"' in page
    assert f'<img src="{cover.thumbnail_url}" alt=""' in page and "封面照片" in page


@pytest.mark.parametrize(
    "params",
    [
        {"q": "稻\x00田"},
        {"tag": "\x00"},
        {"month": "9999-99"},
        {"month": "2024-0x"},
        {"page": "-1"},
        {"page": "x" * 500},
    ],
    ids=["nul-query", "nul-tag", "impossible-month", "bad-month", "negative-page", "long-page"],
)
def test_odd_chooser_parameters_are_answered_not_a_500(editor_client, params):
    make_image(title="稻田")
    response = editor_client.get(reverse("admin:articles_image_choose"), params)
    assert response.status_code == 200
