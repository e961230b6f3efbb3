"""check_integrity as monitoring: red while a finding is open, green once reviewed, red again
for anything new; new findings mailed to the admins; drift restored in one step; deployed
files compared with their manifest; nothing injected goes live."""

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.integrity import file_manifest
from articles.models import Article, IntegrityFinding
from articles.workflow import transitions
from tests.factories import make_article, make_chief, make_staff, make_writer

pytestmark = pytest.mark.django_db
SPAM = "半岛·综合体育下载"
REPORT = reverse("admin:articles_integrityfinding_changelist")


def check():
    """(exit status, output) of check_integrity."""
    from io import StringIO

    out = StringIO()
    try:
        call_command("check_integrity", stdout=out)
    except CommandError:
        return 1, out.getvalue()
    return 0, out.getvalue()


def test_a_reviewed_finding_keeps_the_check_green_until_something_new_appears(client, settings):
    settings.ADMINS = [("Admin", "admin@example.cn")]
    tampered = make_article("新闻", body=f"<p>经过不断的改革探索{SPAM}，在党建引领下</p>")
    assert check()[0] == 1
    assert check()[0] == 1  # still open: the same finding, not a new one
    assert [m.subject for m in mail.outbox] == ["[Newsroom] 完整性检查：1 条新发现"]
    assert SPAM in mail.outbox[0].body
    client.force_login(make_chief())
    finding = IntegrityFinding.objects.get()
    response = client.post(REPORT, {"action": "mark_reviewed", "_selected_action": [finding.pk]}, follow=True)
    assert response.status_code == 200
    assert check() == (
        0,
        "No file manifest yet (it is written by collectstatic): files not checked.\nNo open findings.\n",
    )
    Article.objects.filter(pk=tampered.pk).update(summary="开云体育官网")  # something new
    status, output = check()
    assert status == 1
    assert "summary: 开云体育官网" in output
    assert f"body: {SPAM}" not in output
    assert len(mail.outbox) == 2


def test_writers_and_editors_can_neither_read_the_report_nor_mark_findings(client):
    make_article("新闻", body=f"<p>探索{SPAM}，在</p>")
    check()
    finding = IntegrityFinding.objects.get()
    for role in ("writer", "editor"):
        client.force_login(make_staff(role, username=f"{role}-x"))
        assert client.get(REPORT).status_code == 403
        client.post(REPORT, {"action": "mark_reviewed", "_selected_action": [finding.pk]})
        assert IntegrityFinding.objects.get().reviewed_at is None


def test_a_site_admin_reads_the_report_but_cannot_restore_text(client):
    client.force_login(make_staff("site_admin", username="admin-x"))
    response = client.get(REPORT)
    assert response.status_code == 200
    actions = [value for value, _ in response.context["action_form"].fields["action"].choices]
    assert actions == ["", "mark_reviewed"]


def published_through_review(title="镇里开会"):
    article = make_article(title, status=Article.Status.DRAFT, author=make_writer())
    transitions.perform("submit", article, article.author)
    return transitions.perform("approve", article, make_chief("chief-1"))


def test_live_text_changed_behind_the_workflows_back_is_flagged_and_restored(client):
    live = published_through_review()
    assert live.is_published
    assert check()[0] == 0
    Article.objects.filter(pk=live.pk).update(title=f"{SPAM}镇里开会", body=f"<p>正文{SPAM}，</p>")
    status, output = check()
    assert status == 1
    assert "线上文本与审定版本不一致 · title, body: changed outside the review chain" in output
    client.force_login(make_chief())
    drift = IntegrityFinding.objects.get(kind="drift")
    client.post(REPORT, {"action": "restore_approved_text", "_selected_action": [drift.pk]})
    live.refresh_from_db()
    assert (live.title, live.status) == ("镇里开会", Article.Status.PUBLISHED)
    assert SPAM not in client.get(live.get_absolute_url()).content.decode()
    assert check()[0] == 0


def test_publishing_refuses_an_article_carrying_injected_text():
    article = make_article(f"{SPAM}镇里开会", status=Article.Status.DRAFT, author=make_writer())
    transitions.perform("submit", article, article.author)
    with pytest.raises(transitions.Refused, match="疑似被植入垃圾信息"):
        transitions.perform("approve", article, make_chief())
    assert not Article.objects.get(pk=article.pk).is_published


def test_a_template_or_static_file_changed_since_deploy_is_reported(settings, tmp_path):
    templates, static = tmp_path / "templates", tmp_path / "static"
    templates.mkdir()
    static.mkdir(exist_ok=True)
    (templates / "footer.html").write_text("<footer>本站</footer>")
    (static / "site.js").write_text("1")
    settings.TEMPLATES = [settings.TEMPLATES[0] | {"DIRS": [templates]}]
    settings.STATIC_ROOT = static
    settings.NEWSROOM_FILE_MANIFEST = str(tmp_path / "manifest.json")
    file_manifest.write_manifest()
    assert check()[0] == 0
    (templates / "footer.html").write_text('<footer>本站<a href="https://bet.example">开云</a></footer>')
    (static / "new.js").write_text("evil()")
    status, output = check()
    assert status == 1
    assert f"site · 模板或静态文件在部署后被改动 · {templates / 'footer.html'}: changed" in output
    assert f"site · 模板或静态文件在部署后被改动 · {static / 'new.js'}: added" in output


def test_collectstatic_writes_the_manifest(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.NEWSROOM_FILE_MANIFEST = str(tmp_path / "manifest.json")
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "articles.integrity.file_manifest.ManifestStaticStorage"}
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    assert file_manifest.changed_files() == []
