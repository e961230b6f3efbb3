"""One slug rule everywhere (seo/slugs.py): pinyin instead of percent-encoded Chinese.

Articles keep answering at their old address (it carries the id; the slug is checked and
a wrong one 301s to the right one). Categories and tags answer by slug alone, so each old
slug is remembered as a FormerSlug that 301s to the new address.
"""

from django.db import migrations


def _is_readable(slug):
    return slug.isascii()


def pinyin_slugs(apps, schema_editor):
    from articles.seo.slugs import readable_slug

    Article = apps.get_model("articles", "Article")
    Category = apps.get_model("articles", "Category")
    Tag = apps.get_model("taggit", "Tag")
    FormerSlug = apps.get_model("articles", "FormerSlug")

    for article in Article.objects.only("pk", "title", "slug").iterator():
        if not _is_readable(article.slug):
            Article.objects.filter(pk=article.pk).update(slug=readable_slug(article.title))

    for kind, model, fallback in (("category", Category, "category"), ("tag", Tag, "tag")):
        taken = set(model.objects.values_list("slug", flat=True))
        for row in model.objects.order_by("pk"):
            if _is_readable(row.slug):
                continue
            base = readable_slug(row.name, fallback)[:90]
            slug, number = base, 1
            while slug in taken:
                number += 1
                slug = f"{base}-{number}"
            taken.add(slug)
            FormerSlug.objects.update_or_create(kind=kind, slug=row.slug, defaults={"object_id": row.pk})
            model.objects.filter(pk=row.pk).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_image_library"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(pinyin_slugs, migrations.RunPython.noop)]
