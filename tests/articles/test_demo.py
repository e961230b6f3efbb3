import pytest
from django.core.management import call_command

from articles.demo.content import town_news
from articles.models import Article

pytestmark = pytest.mark.django_db

SPAM = "半岛·综合体育下载"


def test_demo_loads_once_with_the_clean_town_article(client):
    call_command("load_demo")
    count = Article.objects.count()
    call_command("load_demo")
    assert Article.objects.count() == count >= 31
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    assert Article.objects.scheduled().count() == 1
    article = Article.objects.get(slug="shuanggang-reform")
    assert article.title == "以改革创新之力守护“港城”愿景——双港镇高质量发展开启新局面"
    assert article.images.count() == 4
    page = client.get(article.get_absolute_url()).content.decode()
    assert SPAM not in page
    assert "2024-07-28 12:40:46" in page
    assert "稻田" in page


def test_the_demo_copy_of_the_fixture_has_no_injected_text():
    title, published, paragraphs = town_news()
    assert SPAM not in title and not any(SPAM in p for p in paragraphs)
    assert published.isoformat(sep=" ") == "2024-07-28 12:40:46"


def test_editor_command_is_idempotent_and_grants_no_superuser(tmp_path, capsys):
    password_file = tmp_path / "pw"
    call_command("ensure_editor", password_file=str(password_file))
    call_command("ensure_editor", password_file=str(password_file))
    out = capsys.readouterr().out.splitlines()
    assert out[0] == out[1] == f"Editor login: editor / {password_file.read_text().strip()}"
    from django.contrib.auth import get_user_model

    editor = get_user_model().objects.get(username="editor")
    assert editor.is_staff and not editor.is_superuser
    assert editor.has_perm("articles.change_article") and not editor.has_perm("auth.change_user")
