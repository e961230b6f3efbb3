"""Every role (and nobody logged in) against every admin URL, GET and a crafted POST.

The POST carries what an attacker would try everywhere at once: delete confirmations,
a bulk delete of every row, new titles and names, a new superuser. Whatever answers,
the database may only change in ways the role's permissions allow; nobody logged in
changes nothing and sees no admin page.
"""

import hashlib

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import URLResolver, reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from taggit.models import Tag

from articles.models import Article, AuditEntry, IntegrityFinding
from articles.workflow import revisions, share
from articles.workflow.roles import Role
from tests.factories import make_article, make_category, make_chief, make_editor, make_staff, make_writer

pytestmark = pytest.mark.django_db
# Written by any request as a record of it, not content: sessions, login records, the audit log.
SIDE_RECORDS = {
    "sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog",
    "admin.logentry", "articles.auditentry", "articles.revision", "articles.searchentry",
    "articles.viewcount", "articles.dailyviewcount", "otp_totp.totpdevice",
}  # fmt: skip
MOVES = ["submit", "approve", "reject", "publish", "unpublish"]


def admin_urls():
    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif pattern.name:
                yield pattern.name, pattern.pattern.converters

    return list(walk(admin.site.get_urls()))


def fingerprint():
    """{model label: hash of every row} for each content table."""
    prints = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label not in SIDE_RECORDS and not model._meta.auto_created:
            rows = sorted(map(repr, model.objects.values_list()))
            prints[label] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    prints["auth.group.permissions"] = repr(sorted(Group.permissions.through.objects.values_list()))
    prints["auth.user.groups"] = repr(sorted(get_user_model().groups.through.objects.values_list()))
    return prints


@pytest.fixture
def site():
    writer = make_writer()
    people = {
        "writer": writer,
        "editor": make_editor(),
        "chief": make_chief(),
        "site_admin": make_staff(Role.SITE_ADMIN, "siteadmin"),
        "superuser": get_user_model().objects.create_superuser("root", "root@example.cn", "pw"),
    }
    category = make_category("镇街动态", slug="town", review_levels=1)
    draft = make_article("草稿", category, author=writer, status=Article.Status.DRAFT, tags=["民生"])
    live = make_article("已发布", category, author=writer)
    revisions.record(draft, writer, "save")
    AuditEntry.objects.create(action="login", username="writer")
    IntegrityFinding.objects.create(
        kind="brand", article=live, location="title", text="x", fingerprint="f", last_seen=live.publish_at
    )
    device = TOTPDevice.objects.create(user=people["superuser"], name="phone")
    objects = {
        "article": draft, "category": category, "user": writer, "group": Group.objects.first(),
        "tag": Tag.objects.first(), "auditentry": AuditEntry.objects.first(),
        "integrityfinding": IntegrityFinding.objects.first(), "totpdevice": device,
    }  # fmt: skip
    return people, objects, draft, live


def concrete_urls(objects, draft):
    """Every admin URL, with its parameters filled in."""
    for name, converters in admin_urls():
        if name in {"view_on_site", "logout"}:
            continue
        kwargs = {}
        if "app_label" in str(converters) or name == "app_list":
            kwargs = {"app_label": "articles"}
        model = name.split("_")[1] if name.count("_") >= 2 else None
        if "object_id" in converters:
            kwargs["object_id"] = objects.get(model, draft).pk
        if "id" in converters:
            kwargs["id"] = objects["user"].pk
        if "pk" in converters:
            kwargs["pk"] = objects["totpdevice"].pk
        if "number" in converters:
            kwargs["number"] = 1
        if "name" in converters:
            for move in MOVES:
                yield reverse(f"admin:{name}", kwargs=kwargs | {"name": move})
            continue
        yield reverse(f"admin:{name}", kwargs=kwargs)


def crafted_post(objects):
    all_pks = [str(obj.pk) for obj in objects.values()]
    return {
        "action": "delete_selected", "_selected_action": all_pks, "post": "yes", "comment": "篡改",
        "title": "被篡改的标题", "name": "被篡改", "username": "intruder", "password1": "Xy7!intruder-pass",
        "password2": "Xy7!intruder-pass", "is_superuser": "on", "is_staff": "on", "is_active": "on",
        "token": "000000", "body": "<p>篡改</p>", "status": "published", "slug": "tampered",
        "category": str(objects["category"].pk), "tags": "篡改", "_save": "Save",
    }  # fmt: skip


def allowed(user, before, after):
    """Whether every change between two fingerprints is one the user's permissions allow."""
    changed = {label for label in before if before[label] != after[label]}
    if not changed:
        return True
    if user is None:
        return False
    if user.is_superuser:
        return True
    changed -= {"taggit.taggeditem"}  # goes with its tag (a tag deleted) or its article
    for label in changed:
        if label == "auth.group.permissions" and not user.has_perm("auth.change_group"):
            return False
        if label == "auth.user.groups" and not user.has_perm("auth.change_user"):
            return False
        if "." in label and label.count(".") == 1:
            app_label, model = label.split(".")
            codenames = [f"{app_label}.{action}_{model}" for action in ("add", "change", "delete")]
            if label == "articles.integrityfinding":
                codenames = ["articles.review_integrityfinding"]
            if not any(user.has_perm(codename) for codename in codenames):
                return False
    return True


@pytest.mark.parametrize("role", ["anonymous", "writer", "editor", "chief", "site_admin", "superuser"])
def test_no_role_changes_what_its_permissions_do_not_allow(client, site, role):
    people, objects, draft, live = site
    user = people.get(role)
    if user is not None:
        client.force_login(user)
    login = reverse("admin:login")
    checked = 0
    for url in concrete_urls(objects, draft):
        before = fingerprint()
        response = client.get(url)
        assert fingerprint() == before, f"GET {url} changed the database"
        if user is None and url != login:
            assert response.status_code in {302, 404, 405}, url
            if response.status_code == 302:
                assert response["Location"].startswith(login), url
        response = client.post(url, crafted_post(objects))
        after = fingerprint()
        assert allowed(user, before, after), (
            f"POST {url} as {role}: {sorted(k for k in before if before[k] != after[k])}"
        )
        assert response.status_code != 500
        checked += 1
    assert checked > 60
    assert (
        not get_user_model().objects.filter(username="intruder", is_superuser=True).exists()
        or role == "superuser"
    )


@pytest.mark.parametrize("role", ["anonymous", "writer", "site_admin"])
def test_public_preview_and_share_link_change_nothing_and_drafts_stay_private(client, site, role):
    people, objects, draft, live = site
    if role != "anonymous":
        client.force_login(people[role])
    before = fingerprint()
    # Staff who may view articles preview drafts; nobody else learns they exist.
    expected = {"anonymous": 404, "writer": 200, "site_admin": 200}[role]
    assert client.get(draft.get_absolute_url()).status_code == expected
    assert client.get(share.share_url(draft)).status_code == 200
    client.post(share.share_url(draft), {"title": "篡改"})
    assert fingerprint() == before
