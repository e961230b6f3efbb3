"""The staff roles (撰稿 / 编辑 / 总编 / 站点管理) as groups with their permissions.

The group that earlier versions called "Editors" becomes 编辑 Editors, keeping its
members; they no longer publish without review (a chief editor does).
"""

from django.db import migrations

from articles.workflow.roles import GROUP_NAMES, Role, sync_roles_in_migration


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    if not Group.objects.filter(name=GROUP_NAMES[Role.EDITOR]).exists():
        Group.objects.filter(name="Editors").update(name=GROUP_NAMES[Role.EDITOR])
    sync_roles_in_migration(apps, strict=False)  # 0011 syncs strictly


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
