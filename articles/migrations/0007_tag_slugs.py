"""Give tags whose name has no letter or digit (、 ！ #) a slug: an empty one broke every page linking to them."""

import hashlib

from django.db import migrations


def give_slugs(apps, schema_editor):
    Tag = apps.get_model("taggit", "Tag")
    for tag in Tag.objects.all():
        if not tag.slug.strip("_-0123456789"):
            tag.slug = "tag-" + hashlib.sha256(tag.name.encode()).hexdigest()[:12]
            tag.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_search_keys"), ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx")]

    operations = [migrations.RunPython(give_slugs, migrations.RunPython.noop)]
