"""Small factories for the tests: real model instances, sensible defaults, override anything."""

import io
import itertools

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.images.figures import figure_html
from articles.models import Article, Category
from articles.models import Image as LibraryImage
from articles.workflow.roles import Role, role_group

_sequence = itertools.count(1)


def make_category(name=None, parent=None, **fields):
    number = next(_sequence)
    return Category.objects.create(
        name=name or f"分类{number}",
        slug=fields.pop("slug", f"category-{number}"),
        parent=parent,
        **fields,
    )


def make_article(title=None, category=None, tags=(), **fields):
    number = next(_sequence)
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timezone.timedelta(hours=number))
    fields.setdefault("body", f"<p>正文 {number}</p>")
    article = Article.objects.create(
        title=title or f"文章 {number}", category=category or make_category(), **fields
    )
    if tags:
        article.tags.add(*tags)
    return article


def make_image(title=None, **fields):
    """A library image: a 40×30 PNG (or ``file``), with alt text unless given."""
    number = next(_sequence)
    fields.setdefault("file", uploaded_image(f"i{number}.png"))
    fields.setdefault("alt_text", f"替代文字{number}")
    return LibraryImage.objects.create(title=title or f"图片{number}", **fields)


def make_figures(article, count):
    """Library images placed at the end of ``article``'s body as figures 1 … count: 40×30 PNGs
    with alt text 替代文字N and caption 说明N. Returns the images."""
    images = [
        make_image(title=f"图片{number}", alt_text=f"替代文字{number}", caption=f"说明{number}")
        for number in range(1, count + 1)
    ]
    article.body += "".join(figure_html(image) for image in images)
    article.save()
    return images


PASSWORD = "correct horse battery staple"


def make_staff(role, username=None, password=PASSWORD):
    """A staff user in ``role``'s group (a workflow.roles.Role)."""
    user = get_user_model().objects.create_user(
        username=username or str(role), password=password, is_staff=True
    )
    user.groups.add(role_group(role))
    return user


def make_writer(username="writer", **options):
    return make_staff(Role.WRITER, username, **options)


def make_editor(username="editor", **options):
    return make_staff(Role.EDITOR, username, **options)


def make_chief(username="chief", **options):
    return make_staff(Role.CHIEF, username, **options)


def image_bytes(format="PNG", size=(40, 30), color=(200, 30, 30), **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=format, **save_options)
    return buffer.getvalue()


def uploaded_image(name="photo.png", format="PNG", **options):
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg"}.get(format, "application/octet-stream")
    return SimpleUploadedFile(name, image_bytes(format, **options), content_type=content_type)
