import io

import pytest
from django.db.models.signals import post_save
from PIL import Image

from articles.images.figures import figure_html
from articles.integrity.renditions import stored_files
from articles.models import Image as LibraryImage
from tests.factories import make_article, make_image, uploaded_image

pytestmark = pytest.mark.django_db


def test_renditions_are_made_once_in_webp_and_the_original_format(client):
    image = make_image(file=uploaded_image("wide.jpg", "JPEG", size=(1000, 500)), alt_text="宽图")
    article = make_article(body=figure_html(image))
    assert [r["width"] for r in image.renditions] == [320, 640, 960, 1000]
    storage = image.file.storage
    smallest = image.renditions[0]
    with storage.open(smallest["webp"]) as webp, storage.open(smallest["fallback"]) as jpeg:
        assert Image.open(io.BytesIO(webp.read())).size == (320, 160)
        assert Image.open(io.BytesIO(jpeg.read())).format == "JPEG"
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<source type="image/webp" srcset="/media/{smallest["webp"]} 320w,' in html
    assert 'width="1000" height="500" alt="宽图" loading="lazy"' in html


def test_a_small_image_gets_only_its_own_size():
    image = make_image(file=uploaded_image(size=(40, 30)), alt_text="小图")
    assert [(r["width"], r["height"]) for r in image.renditions] == [(40, 30)]


def test_rendition_addresses_are_url_encoded(client):
    figure = make_image(file=uploaded_image("稻田.png", size=(700, 400)), alt_text="稻田")
    article = make_article(body=figure_html(figure))
    html = client.get(article.get_absolute_url()).content.decode()
    webp = figure.renditions[0]["webp"]
    assert f"{figure.file.storage.url(webp)} 320w" in html


def test_the_row_names_its_renditions_when_the_change_is_announced(django_capture_on_commit_callbacks):
    """Caches are purged on save and on commit: by then the row must already carry the renditions."""
    seen = []

    def record(sender, instance, **kwargs):
        stored = LibraryImage.objects.filter(pk=instance.pk).values_list("renditions", flat=True).get()
        seen.append([r["width"] for r in stored])

    post_save.connect(record, sender=LibraryImage, dispatch_uid="test.record_renditions")
    try:
        make_image(file=uploaded_image("cover.png", size=(700, 400)))
    finally:
        post_save.disconnect(dispatch_uid="test.record_renditions", sender=LibraryImage)
    assert seen == [[320, 640, 700]]


def stored(storage, image_name, renditions):
    return {name for name in stored_files(image_name, renditions) if storage.exists(name)}


def test_a_replaced_image_file_leaves_no_files_behind(django_capture_on_commit_callbacks):
    article = make_image(file=uploaded_image("old.png", size=(700, 400)))
    storage, old_name, old_renditions = (
        article.file.storage,
        article.file.name,
        article.renditions,
    )
    assert len(stored(storage, old_name, old_renditions)) == 6  # the image, 2 smaller copies, 3 WebP
    with django_capture_on_commit_callbacks(execute=True):
        article.file = uploaded_image("new.png", size=(500, 300))
        article.save()
    assert stored(storage, old_name, old_renditions) == set()
    assert len(stored(storage, article.file.name, article.renditions)) == 4


def test_deleting_an_article_keeps_the_library_images_it_used(django_capture_on_commit_callbacks):
    cover = make_image(file=uploaded_image("cover.png", size=(700, 400)))
    figure = make_image(file=uploaded_image("fig.png"))
    article = make_article(cover=cover, body=figure_html(figure))
    storage = figure.file.storage
    files = stored(storage, cover.file.name, cover.renditions) | stored(
        storage, figure.file.name, figure.renditions
    )
    assert len(files) == 8
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert {name for name in files if storage.exists(name)} == files
    assert LibraryImage.objects.count() == 2


def test_a_rolled_back_delete_keeps_the_files(django_capture_on_commit_callbacks):
    figure = make_image()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        figure.delete()
    assert callbacks  # would run only on commit
    assert figure.file.storage.exists(figure.file.name)
