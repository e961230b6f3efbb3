import io

import pytest
from PIL import Image

from articles.models import ArticleImage
from tests.factories import make_article, uploaded_image

pytestmark = pytest.mark.django_db


def test_renditions_are_made_once_in_webp_and_the_original_format(client):
    article = make_article()
    image = ArticleImage.objects.create(
        article=article, image=uploaded_image("wide.jpg", "JPEG", size=(1000, 500)), alt_text="宽图"
    )
    assert [r["width"] for r in image.renditions] == [320, 640, 960, 1000]
    storage = image.image.storage
    smallest = image.renditions[0]
    with storage.open(smallest["webp"]) as webp, storage.open(smallest["fallback"]) as jpeg:
        assert Image.open(io.BytesIO(webp.read())).size == (320, 160)
        assert Image.open(io.BytesIO(jpeg.read())).format == "JPEG"
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<source type="image/webp" srcset="/media/{smallest["webp"]} 320w,' in html
    assert 'width="1000" height="500" alt="宽图" loading="lazy"' in html


def test_a_small_image_gets_only_its_own_size():
    image = ArticleImage.objects.create(
        article=make_article(), image=uploaded_image(size=(40, 30)), alt_text="小图"
    )
    assert [(r["width"], r["height"]) for r in image.renditions] == [(40, 30)]


def test_rendition_addresses_are_url_encoded(client):
    article = make_article()
    ArticleImage.objects.create(
        article=article, image=uploaded_image("稻田.png", size=(700, 400)), alt_text="稻田"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "%E7%A8%BB%E7%94%B0-320w.webp 320w" in html
    assert "稻田-320w" not in html
