"""Every role against every move and admin page, on the server: GET changes nothing, a crafted
POST from a role that may not is refused with 403 and changes nothing."""

import pytest
from django.urls import reverse

from articles.models import Article, AuditEntry, Revision
from articles.workflow.roles import ReviewerRole, Role
from tests.factories import make_article, make_category, make_chief, make_editor, make_staff, make_writer

pytestmark = pytest.mark.django_db
S = Article.Status
ROLES = ["writer", "other_writer", "editor", "chief", "site_admin"]


@pytest.fixture
def people():
    return {
        "writer": make_writer("writer"),
        "other_writer": make_writer("other"),
        "editor": make_editor(),
        "chief": make_chief(),
        "site_admin": make_staff(Role.SITE_ADMIN, "siteadmin"),
    }


def two_level_category():
    return make_category(review_levels=2, level_1_role=ReviewerRole.EDITOR, level_2_role=ReviewerRole.CHIEF)


def article_ready_for(move, writer):
    """An article by ``writer`` in the state where ``move`` applies."""
    if move == "submit":
        return make_article(category=two_level_category(), author=writer, status=S.DRAFT)
    if move in {"approve", "reject"}:
        return make_article(
            category=two_level_category(),
            author=writer,
            status=S.IN_REVIEW,
            review_level=1,
            submitted_by=writer,
        )
    if move == "publish":
        return make_article(category=make_category(review_levels=0), author=writer, status=S.DRAFT)
    return make_article(category=two_level_category(), author=writer)  # published, for unpublish


# Who may make each move, and what the article looks like afterwards (status, review level).
MOVES = {
    "submit": ({"writer", "editor", "chief"}, (S.IN_REVIEW, 1)),
    "approve": ({"editor", "chief"}, (S.IN_REVIEW, 2)),
    "reject": ({"editor", "chief"}, (S.REJECTED, 0)),
    "publish": ({"chief"}, (S.PUBLISHED, 0)),
    "unpublish": ({"chief"}, (S.UNPUBLISHED, 0)),
}


def state(article):
    article.refresh_from_db()
    return article.status, article.review_level, article.version


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("move", list(MOVES))
def test_each_role_may_make_exactly_its_moves(client, people, move, role):
    article = article_ready_for(move, people["writer"])
    allowed, after = MOVES[move]
    before = state(article)
    client.force_login(people[role])
    url = reverse("admin:articles_article_transition", args=[article.pk, move])
    assert client.get(url).status_code == 405
    assert state(article) == before
    response = client.post(url, {"comment": "请补充数据来源"})
    if role in allowed:
        assert response.status_code == 302
        assert state(article)[:2] == after
        assert AuditEntry.objects.filter(action=move if move != "publish" else "publish").count() == 1
    else:
        assert response.status_code == 403
        assert state(article) == before
        assert not AuditEntry.objects.filter(action=move).exists()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "action", ["submit_selected", "approve_selected", "publish_selected", "unpublish_selected"]
)
def test_a_crafted_bulk_action_is_refused_to_roles_without_it(client, people, role, action):
    move = action.removesuffix("_selected")
    article = article_ready_for(move, people["writer"])
    allowed = {"submit": {"writer", "other_writer", "editor", "chief"}, "approve": {"editor", "chief"}}.get(
        move, {"chief"}
    )
    before = state(article)
    client.force_login(people[role])
    response = client.post(
        reverse("admin:articles_article_changelist"), {"action": action, "_selected_action": [article.pk]}
    )
    if role in allowed:
        assert response.status_code == 302
    else:
        assert response.status_code == 403
        assert state(article) == before


def admin_page_status(client, person, url, data=None):
    client.force_login(person)
    return (client.post(url, data or {}) if data is not None else client.get(url)).status_code


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("users", {"site_admin": 200}),
        ("groups", {"site_admin": 200}),
        ("category_add", {"site_admin": 200}),
        ("audit_log", {"site_admin": 200}),
        ("article_add", {"writer": 200, "other_writer": 200, "editor": 200, "chief": 200}),
        (
            "own_draft_change",
            {"writer": 200, "editor": 200, "chief": 200, "other_writer": 200, "site_admin": 200},
        ),
    ],
)
@pytest.mark.parametrize("role", ROLES)
def test_admin_pages_open_only_to_their_roles(client, people, page, expected, role):
    category = make_category()
    draft = make_article(category=category, author=people["writer"], status=S.DRAFT)
    url = {
        "users": reverse("admin:auth_user_changelist"),
        "groups": reverse("admin:auth_group_changelist"),
        "category_add": reverse("admin:articles_category_add"),
        "audit_log": reverse("admin:articles_auditentry_changelist"),
        "article_add": reverse("admin:articles_article_add"),
        "own_draft_change": reverse("admin:articles_article_change", args=[draft.pk]),
    }[page]
    assert admin_page_status(client, people[role], url) == expected.get(role, 403)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_writer_and_editors_change_a_writers_draft(client, people, role):
    """Others may read it (view-only form), but a crafted POST changes nothing."""
    from tests.articles.admin.form_data import article_form_data

    draft = make_article("原标题", author=people["writer"], status=S.DRAFT)
    url = reverse("admin:articles_article_change", args=[draft.pk])
    data = article_form_data(
        draft.category, title="改过的标题", slug=draft.slug, opened_version=draft.version
    )
    status = admin_page_status(client, people[role], url, data)
    draft.refresh_from_db()
    if role in {"writer", "editor", "chief"}:
        assert (status, draft.title) == (302, "改过的标题")
    else:
        assert (status, draft.title) == (403, "原标题")


@pytest.mark.parametrize("role", ROLES)
def test_only_a_chief_editor_deletes(client, people, role):
    article = make_article(author=people["writer"], status=S.DRAFT)
    url = reverse("admin:articles_article_delete", args=[article.pk])
    status = admin_page_status(client, people[role], url, {"post": "yes"})
    exists = Article.objects.filter(pk=article.pk).exists()
    assert (status, exists) == ((302, False) if role == "chief" else (403, True))


@pytest.mark.parametrize("role", ROLES)
def test_only_a_chief_editor_restores_a_revision(client, people, role):
    from articles.workflow import revisions

    article = make_article("第一版", author=people["writer"], status=S.DRAFT)
    first = revisions.record(article, people["writer"], "save")
    article.title = "第二版"
    article.save()
    url = reverse("admin:articles_article_restore", args=[article.pk, first.number])
    assert admin_page_status(client, people[role], url) == 405
    status = admin_page_status(client, people[role], url, {})
    article.refresh_from_db()
    if role == "chief":
        assert (status, article.title) == (302, "第一版")
    else:
        assert (status, article.title, Revision.objects.filter(article=article).count()) == (403, "第二版", 1)


@pytest.mark.parametrize("role", ROLES)
def test_editing_a_live_article_starts_a_draft_for_its_writer_and_editors_only(client, people, role):
    live = make_article(author=people["writer"])
    url = reverse("admin:articles_article_new_draft", args=[live.pk])
    status = admin_page_status(client, people[role], url, {})
    copies = Article.objects.filter(draft_of=live).count()
    if role in {"writer", "editor", "chief"}:
        assert (status, copies) == (302, 1)
    else:
        assert (status, copies) == (403, 0)


@pytest.mark.parametrize("role", ROLES)
def test_only_site_admins_change_categories_and_their_review_rules(client, people, role):
    category = make_category("镇街动态", slug="town")
    data = {
        "name": "镇街动态",
        "slug": "town",
        "sort_order": 0,
        "is_visible": "on",
        "review_levels": 3,
        "level_1_role": "editor",
        "level_2_role": "editor",
        "level_3_role": "chief",
    }
    status = admin_page_status(
        client, people[role], reverse("admin:articles_category_change", args=[category.pk]), data
    )
    category.refresh_from_db()
    if role == "site_admin":
        assert (status, category.review_levels) == (302, 3)
    else:
        assert (status, category.review_levels) == (403, None)


def test_a_refused_move_says_why_on_the_403_page(client, people):
    article = article_ready_for("publish", people["writer"])
    client.force_login(people["editor"])
    response = client.post(reverse("admin:articles_article_transition", args=[article.pk, "publish"]))
    assert response.status_code == 403
    assert "<p>只有总编可以发布。</p>" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "buttons"),
    [
        ("writer", []),  # their submission waits for others
        ("other_writer", []),
        ("editor", ["approve", "reject"]),
        ("chief", ["approve", "reject"]),
        ("site_admin", []),
    ],
)
def test_the_change_form_shows_each_role_only_its_moves(client, people, role, buttons):
    article = article_ready_for("approve", people["writer"])
    client.force_login(people[role])
    response = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert [name for name, _label in response.context["workflow"]["buttons"]] == buttons
    content = response.content.decode()
    for name in ["submit", "approve", "reject", "publish", "unpublish"]:
        assert (f'data-transition="{name}"' in content) is (name in buttons)


def test_a_writer_sees_only_the_actions_a_writer_has(client, people):
    client.force_login(people["writer"])
    response = client.get(reverse("admin:articles_article_changelist"))
    assert list(response.context["action_form"].fields["action"].choices)[1:] == [
        ("submit_selected", "提交审核")
    ]
