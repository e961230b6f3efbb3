"""Injected betting spam, as found on a real compromised town news site, is spotted."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.demo.content import town_news
from articles.integrity.spam import find_hidden_markup, find_injected_text
from articles.models import Image
from tests.articles.admin.form_data import article_form_data
from tests.factories import make_article, make_category, make_figures

AS_SERVED = Path(__file__).parents[2] / "data" / "town-news-article-as-served.txt"
SPAM = "半岛·综合体育下载"


def test_every_injection_in_the_served_page_is_found():
    lines = [line.strip() for line in AS_SERVED.read_text(encoding="utf-8").splitlines() if line.strip()]
    findings = find_injected_text({f"line {n}": line for n, line in enumerate(lines)})
    assert sum(line.count(SPAM) for line in lines) == 9
    assert {f.field for f in findings} == {f"line {n}" for n, line in enumerate(lines) if SPAM in line}
    assert {f.text for f in findings} == {SPAM}


def test_the_cleaned_demo_article_and_ordinary_sports_news_are_not_flagged():
    title, _, paragraphs = town_news()
    assert find_injected_text({"title": title, "body": "\n".join(paragraphs)}) == []
    assert find_injected_text({"body": "全民健身体育中心开放，综合体育馆迎来首场比赛。"}) == []


def test_hidden_markup_is_spotted():
    assert find_hidden_markup('<p>新闻<span style="display: none">开云体育</span></p>')
    assert not find_hidden_markup("<p><strong>新闻</strong></p>")


@pytest.mark.django_db
def test_admin_warns_when_an_article_carries_injected_text(editor_client):
    client = editor_client
    data = article_form_data(
        make_category(slug="town"),
        title=f"{SPAM}以改革创新之力守护港城",
        body='<p>正文<span style="display:none">乐鱼体育官网</span></p>',
    )
    response = client.post(reverse("admin:articles_article_add"), data, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any(SPAM in m for m in messages)
    assert any("display:none" in m for m in messages)


@pytest.mark.django_db
def test_check_integrity_lists_tampered_articles_and_fails(capsys):
    call_command("check_integrity")
    clean = make_article("双港镇新闻")
    tampered = make_article("新闻", body=f"<p>经过不断的改革探索{SPAM}，在党建引领下</p>")
    make_figures(clean, 1)
    Image.objects.update(alt_text=f"{SPAM}配图(图1)")  # written straight into the library's table
    with pytest.raises(CommandError, match="2 article"):
        call_command("check_integrity")
    out = capsys.readouterr().out
    assert f"#{tampered.pk} 新闻 · 被植入的品牌 · body: {SPAM}\n" in out
    assert f"#{clean.pk} 双港镇新闻 · 被植入的品牌 · figure 1 library alt text: {SPAM}\n" in out
