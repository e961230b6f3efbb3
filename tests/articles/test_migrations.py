"""Migrations 0011 and 0012 on a site as it was before them: figures with [图N] markers
become library images placed in the body, covers become library images, revisions
follow, and Chinese slugs become pinyin with the old addresses answering 301."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import image_bytes

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("articles", "0010_placements")]
AFTER = [("articles", "0012_readable_slugs")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_site():
    apps = migrate(BEFORE)
    category = apps.get_model("articles", "Category").objects.create(name="镇街动态", slug="镇街动态")
    tag = apps.get_model("taggit", "Tag").objects.create(name="乡村振兴", slug="乡村振兴")
    files = [
        default_storage.save(f"figures/2024/07/{n}.png", ContentFile(image_bytes("PNG"))) for n in (1, 2, 3)
    ]
    cover = default_storage.save("covers/2024/07/c.png", ContentFile(image_bytes("PNG")))
    article = apps.get_model("articles", "Article").objects.create(
        title="双港镇召开会议",
        slug="双港镇召开会议",
        body="<p>开头</p><p>[图2]</p><p>中间</p><p>[图9]</p>",
        category=category,
        status="published",
        cover_image=cover,
        cover_width=40,
        cover_height=30,
    )
    apps.get_model("taggit", "TaggedItem").objects.create(
        tag=tag,
        object_id=article.pk,
        content_type=apps.get_model("contenttypes", "ContentType").objects.get(
            app_label="articles", model="article"
        ),
    )
    ArticleImage = apps.get_model("articles", "ArticleImage")
    for number, name in enumerate(files, start=1):
        ArticleImage.objects.create(
            article=article, image=name, width=40, height=30, alt_text=f"替代{number}", caption=f"图注{number} & it's",
            credit="双港镇", sort_order=number, renditions=[],
        )  # fmt: skip
    figures = [
        {"image": name, "width": 40, "height": 30, "renditions": [], "alt_text": f"替代{n}", "caption": f"图注{n}", "credit": ""}
        for n, name in enumerate(files[:1], start=1)
    ]  # fmt: skip
    apps.get_model("articles", "Revision").objects.create(
        article=article,
        number=1,
        event="save",
        data={
            "title": "旧版", "slug": "旧版", "summary": "", "body": "<p>[图1]</p><p>旧的正文</p>", "source": "",
            "meta_description": "", "cover_width": None, "cover_height": None, "publish_at": None,
            "expire_at": None, "row": article.pk, "version": 1, "category": category.pk, "cover_image": "",
            "cover_renditions": [], "tags": [], "figures": figures,
        },
        files=f"\n{files[0]}\n",
    )  # fmt: skip
    yield article.pk, files, cover
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_figures_and_covers_move_into_the_library_and_markers_become_figure_nodes(old_site, client):
    article_id, files, cover = old_site
    migrate(AFTER)
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    from articles.images.figures import placed_images
    from articles.models import Article, Image, Revision

    article = Article.objects.get(pk=article_id)
    by_file = {image.file.name: image for image in Image.objects.all()}
    assert sorted(by_file) == sorted([*files, cover])
    assert article.cover == by_file[cover]
    # 图2 where its marker stood, the marker for a missing 图9 gone, 图1 and 图3 after the body.
    assert [image_id for image_id, _alt, _caption in placed_images(article.body)] == [
        by_file[files[1]].pk,
        by_file[files[0]].pk,
        by_file[files[2]].pk,
    ]
    from articles.integrity.sanitize import clean_body_html

    assert clean_body_html(article.body) == article.body  # stored as a save would store it
    assert "[图" not in article.body and article.body.startswith('<p>开头</p><figure class="figure">')
    assert list(article.figures.values_list("image", flat=True)) == [
        by_file[files[1]].pk,
        by_file[files[0]].pk,
        by_file[files[2]].pk,
    ]
    assert (by_file[files[1]].alt_text, by_file[files[1]].caption, by_file[files[1]].credit) == (
        "替代2",
        "图注2 & it's",
        "双港镇",
    )
    data = Revision.objects.get().data
    assert "figures" not in data and data["cover"] is None
    assert [image_id for image_id, _alt, _caption in placed_images(data["body"])] == [by_file[files[0]].pk]
    page = client.get(f"/articles/{article_id}/", follow=True).content.decode()
    assert page.count("<picture>") == 3  # the figures; the cover is for listings and share cards


def test_chinese_slugs_become_pinyin_and_old_addresses_answer_301(old_site, client):
    article_id, _files, _cover = old_site
    migrate(AFTER)
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    from articles.models import Article

    assert Article.objects.get(pk=article_id).slug == "shuang-gang-zhen-zhao-kai-hui-yi"
    old_article = client.get(
        f"/articles/{article_id}/%E5%8F%8C%E6%B8%AF%E9%95%87%E5%8F%AC%E5%BC%80%E4%BC%9A%E8%AE%AE/"
    )
    assert (old_article.status_code, old_article["Location"]) == (
        301,
        f"/articles/{article_id}/shuang-gang-zhen-zhao-kai-hui-yi/",
    )
    old_category = client.get("/category/%E9%95%87%E8%A1%97%E5%8A%A8%E6%80%81/")
    assert (old_category.status_code, old_category["Location"]) == (301, "/category/zhen-jie-dong-tai/")
    old_tag = client.get("/tags/%E4%B9%A1%E6%9D%91%E6%8C%AF%E5%85%B4/")
    assert (old_tag.status_code, old_tag["Location"]) == (301, "/tags/xiang-cun-zhen-xing/")
