"""The staff roles (撰稿 / 编辑 / 总编 / 站点管理) as groups with their permissions.

The group that earlier versions called "Editors" becomes 编辑 Editors, keeping its
members; they no longer publish without review (a chief editor does).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from articles.workflow.roles import GROUP_NAMES, Role, sync_role_groups


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():  # permissions are otherwise only made after migrate
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group, Permission = apps.get_model("auth", "Group"), apps.get_model("auth", "Permission")
    if not Group.objects.filter(name=GROUP_NAMES[Role.EDITOR]).exists():
        Group.objects.filter(name="Editors").update(name=GROUP_NAMES[Role.EDITOR])
    sync_role_groups(Group, Permission, strict=False)  # 0008 syncs again with later models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
