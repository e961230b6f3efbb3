"""Staff roles: editors get exactly what publishing needs, nothing about users or settings."""

from django.contrib.auth.models import Group, Permission

EDITOR_GROUP = "Editors"
EDITOR_MODELS = [
    ("articles", "article"),
    ("articles", "articleimage"),
    ("articles", "category"),
    ("taggit", "tag"),
    ("taggit", "taggeditem"),
]


def editors_group():
    group, _ = Group.objects.get_or_create(name=EDITOR_GROUP)
    permissions = Permission.objects.none()
    for app_label, model in EDITOR_MODELS:
        permissions |= Permission.objects.filter(content_type__app_label=app_label, content_type__model=model)
    group.permissions.set(permissions)
    return group
