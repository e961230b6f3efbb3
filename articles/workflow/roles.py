"""Staff roles (Django groups) and exactly the permissions each needs: the one place they are defined.

撰稿 writers draft and submit their own articles; 编辑 editors also edit anyone's and
review the levels given to editors; 总编 chief editors also give final approval,
publish, unpublish, delete and restore revisions; site admins manage users, roles,
categories (with their review rules) and read the audit log. Everything is checked
on the server (admin/ and workflow/transitions.py); the admin only hides what a role
may not do.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    WRITER = "writer", _("Writer")
    EDITOR = "editor", _("Editor")
    CHIEF = "chief", _("Chief editor")
    SITE_ADMIN = "site_admin", _("Site admin")


class ReviewerRole(models.TextChoices):
    """Who may approve one level of a category's review chain."""

    EDITOR = "editor", _("Editor")
    CHIEF = "chief", _("Chief editor")


MAX_REVIEW_LEVELS = 3
# A category with no rule of its own, up to the top: one approval, by a chief editor.
DEFAULT_REVIEW_CHAIN = (ReviewerRole.CHIEF,)

GROUP_NAMES = {
    Role.WRITER: "撰稿 Writers",
    Role.EDITOR: "编辑 Editors",
    Role.CHIEF: "总编 Chief editors",
    Role.SITE_ADMIN: "站点管理 Site admins",
}
_WRITER = [
    "articles.add_article",
    "articles.change_article",
    "articles.view_article",
    "articles.submit_article",
    # The image library is shared: writers upload and describe images; editors delete unused ones.
    "articles.add_image",
    "articles.change_image",
    "articles.view_image",
    "articles.view_category",
    "articles.view_revision",
    "taggit.view_tag",
]
_EDITOR = [
    *_WRITER,
    "articles.edit_any_article",
    "articles.review_article",
    *(f"articles.{action}_articleflag" for action in ("add", "change", "delete", "view")),
    "taggit.add_tag",
    "taggit.change_tag",
    "taggit.delete_tag",
    "articles.delete_image",
]
_CHIEF = [
    *_EDITOR,
    "articles.publish_article",
    "articles.delete_article",
    "articles.restore_article",
    "articles.view_integrityfinding",
    "articles.review_integrityfinding",
]
_SITE_ADMIN = [
    *(
        f"auth.{action}_{model}"
        for model in ("user", "group")
        for action in ("add", "change", "delete", "view")
    ),
    *(f"articles.{action}_category" for action in ("add", "change", "delete", "view")),
    "articles.view_article",
    "articles.view_revision",
    "articles.view_auditentry",
    "articles.view_integrityfinding",
    "articles.review_integrityfinding",
]
PERMISSIONS = {Role.WRITER: _WRITER, Role.EDITOR: _EDITOR, Role.CHIEF: _CHIEF, Role.SITE_ADMIN: _SITE_ADMIN}


def sync_role_groups(group_model, permission_model, strict=True):
    """Create each role's group and give it exactly its permissions (models passed in: migrations too).

    An early migration passes ``strict=False``: permissions of models a later migration
    adds do not exist yet there, and that later migration syncs again.
    """
    groups = {}
    for role, names in PERMISSIONS.items():
        group, _created = group_model.objects.get_or_create(name=GROUP_NAMES[role])
        wanted = models.Q(pk__in=[])
        for name in names:
            app_label, codename = name.split(".")
            wanted |= models.Q(content_type__app_label=app_label, codename=codename)
        permissions = list(permission_model.objects.filter(wanted))
        missing = set(names) - {f"{p.content_type.app_label}.{p.codename}" for p in permissions}
        if missing and strict:
            raise LookupError(f"Permissions not found for {role}: {sorted(missing)}")
        group.permissions.set(permissions)
        groups[role] = group
    return groups


def sync_roles_in_migration(apps, strict):
    """A migration's step: make the permissions of the models so far, then sync the roles.

    Only the newest migration that changes roles passes ``strict=True``: this module is
    today's table, so an older migration meets permissions of models made only later.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():  # permissions are otherwise only made after migrate
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_role_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"), strict=strict)


def role_group(role):
    """The group of ``role``, brought up to date with PERMISSIONS."""
    from django.contrib.auth.models import Group, Permission

    return sync_role_groups(Group, Permission)[role]


def can_approve(user, reviewer_role):
    """Whether ``user`` may approve a level given to ``reviewer_role`` (chief editors may approve any)."""
    if reviewer_role == ReviewerRole.CHIEF:
        return user.has_perm("articles.publish_article")
    return user.has_perm("articles.review_article")
