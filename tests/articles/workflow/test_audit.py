"""The audit log: one row per event, with who, what and from where; readable, never editable."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles.models import Article, AuditEntry
from articles.workflow import revisions, transitions
from articles.workflow.roles import GROUP_NAMES, Role, role_group
from tests.factories import PASSWORD, make_article, make_category, make_chief, make_staff, make_writer

pytestmark = pytest.mark.django_db


def entries(**filters):
    return list(
        AuditEntry.objects.filter(**filters)
        .order_by("pk")
        .values_list("username", "action", "target", "ip_address")
    )


def test_logins_and_failed_logins_are_recorded_with_the_address(client):
    make_writer()
    client.post(
        reverse("admin:login"), {"username": "writer", "password": "wrong"}, REMOTE_ADDR="203.0.113.7"
    )
    client.post(
        reverse("admin:login"), {"username": "writer", "password": PASSWORD}, REMOTE_ADDR="203.0.113.8"
    )
    assert entries(action__in=["login", "login_failed"]) == [
        ("", "login_failed", "writer", "203.0.113.7"),
        ("writer", "login", "writer", "203.0.113.8"),
    ]


def test_each_workflow_move_is_recorded_by_whom(client):
    writer, chief = make_writer(), make_chief()
    article = make_article(
        "要闻", category=make_category(review_levels=0), author=writer, status=Article.Status.DRAFT
    )
    transitions.perform("submit", article, writer)
    transitions.perform("reject", article, chief, "请补充图片")
    transitions.perform("submit", article, writer)
    transitions.perform("publish", article, chief)
    transitions.perform("unpublish", article, chief)
    revision = revisions.record(article, chief, "save")
    transitions.restore(revision, chief)
    client.force_login(chief)
    client.post(
        reverse("admin:articles_article_delete", args=[article.pk]),
        {"post": "yes"},
        REMOTE_ADDR="198.51.100.2",
    )
    moves = [(user, action) for user, action, _target, _ip in entries(action__in=ACTIONS)]
    assert moves == [
        ("writer", "submit"),
        ("chief", "reject"),
        ("writer", "submit"),
        ("chief", "publish"),
        ("chief", "unpublish"),
        ("chief", "restore"),
        ("chief", "delete"),
    ]
    assert AuditEntry.objects.get(action="delete").ip_address == "198.51.100.2"
    assert AuditEntry.objects.get(action="reject").detail == "请补充图片"


ACTIONS = ["submit", "approve", "reject", "publish", "schedule", "unpublish", "delete", "restore"]


def test_user_creation_and_role_and_permission_changes_are_recorded(client):
    admin = make_staff(Role.SITE_ADMIN, "siteadmin")
    client.force_login(admin)
    response = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "newwriter",
            "password1": "a long pass phrase 2026",
            "password2": "a long pass phrase 2026",
            "usable_password": "true",
        },
        REMOTE_ADDR="192.0.2.10",
    )
    assert response.status_code == 302
    user = Group.objects.get(name=GROUP_NAMES[Role.WRITER])
    new = type(admin).objects.get(username="newwriter")
    new.groups.add(role_group(Role.CHIEF))
    user.permissions.remove(user.permissions.get(codename="submit_article"))
    assert entries(action="user_created", target="newwriter") == [
        ("siteadmin", "user_created", "newwriter", "192.0.2.10")
    ]
    assert (
        AuditEntry.objects.get(action="groups_changed", target="newwriter").detail
        == f"+ {GROUP_NAMES[Role.CHIEF]}"
    )
    changed = AuditEntry.objects.get(action="permissions_changed", target=GROUP_NAMES[Role.WRITER])
    assert changed.detail == "- 新闻 | 文章 | Can submit articles for review"


def test_site_admins_read_the_log_and_nobody_changes_it(client, admin_user):
    make_writer()
    entry = AuditEntry.objects.get(action="user_created", target="writer")
    client.force_login(make_staff(Role.SITE_ADMIN, "siteadmin"))
    assert client.get(reverse("admin:articles_auditentry_changelist")).status_code == 200
    for person in (make_staff(Role.SITE_ADMIN, "another"), admin_user):
        client.force_login(person)
        assert client.get(reverse("admin:articles_auditentry_add")).status_code == 403
        assert (
            client.post(
                reverse("admin:articles_auditentry_delete", args=[entry.pk]), {"post": "yes"}
            ).status_code
            == 403
        )
        response = client.post(
            reverse("admin:articles_auditentry_change", args=[entry.pk]), {"action": "login"}
        )
        assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.action == "user_created"
