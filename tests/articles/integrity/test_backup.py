"""The backup drill: content, back up, wipe, restore, compare."""

import shutil

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article, Image, Revision
from tests.factories import make_article, make_figures

pytestmark = pytest.mark.django_db(transaction=True)


def site_contents():
    articles = [
        (a.pk, a.title, a.body, a.status, sorted(a.tags.names()), a.category.name)
        for a in Article.objects.order_by("pk")
    ]
    files = {image.file.name: image.file.read() for image in Image.objects.order_by("pk")}
    return articles, files, Revision.objects.count()


def test_back_up_wipe_restore_and_nothing_is_missing(tmp_path):
    article = make_article("镇里开会", tags=["民生", "会议"], body="<p>正文<strong>加粗</strong></p>")
    make_figures(article, 2)
    make_article("草稿", status=Article.Status.DRAFT)
    before = site_contents()
    call_command("backup", str(tmp_path / "backup"))
    call_command("flush", interactive=False)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert site_contents() == ([], {}, 0)
    call_command("restore", str(tmp_path / "backup"), yes=True)
    connection.close()
    assert site_contents() == before
    assert len(before[1]) == 2


def test_a_damaged_backup_is_refused_before_anything_is_replaced(tmp_path):
    article = make_article("镇里开会")
    make_figures(article, 1)
    call_command("backup", str(tmp_path / "backup"))
    (figure,) = (tmp_path / "backup" / "media").rglob("*.png")
    figure.write_bytes(b"changed")
    Article.objects.filter(pk=article.pk).update(title="之后的标题")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(tmp_path / "backup"), yes=True)
    assert Article.objects.get().title == "之后的标题"
