import itertools
import re
from collections import Counter

import pytest
from django.core.management import call_command

from articles.demo.content import town_news
from articles.models import Article, DailyViewCount, ViewCount

pytestmark = pytest.mark.django_db

SPAM = "半岛·综合体育下载"


def test_demo_loads_once_with_the_clean_town_article(client):
    call_command("load_demo", readers=0)
    count = Article.objects.count()
    call_command("load_demo", readers=0)
    assert Article.objects.count() == count == 41
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    assert Article.objects.scheduled().count() == 1
    in_review = Article.objects.get(status=Article.Status.IN_REVIEW)
    assert (in_review.category.review_chain(), in_review.review_level) == (["editor", "editor", "chief"], 1)
    assert (
        Article.objects.get(status=Article.Status.REJECTED).review_comment
        == "请补充活动照片，并核实参与人数。"
    )
    article = Article.objects.get(slug="shuanggang-reform")
    assert article.title == "以改革创新之力守护“港城”愿景——双港镇高质量发展开启新局面"
    assert article.figures.count() == 4 and article.cover.alt_text == "双港镇全景：稻田、村庄和公路"
    page = client.get(article.get_absolute_url()).content.decode()
    assert SPAM not in page
    assert "2024-07-28 12:40:46" in page
    assert "稻田" in page


def sentences(article):
    return {s.strip() for s in re.split(r"[。！？.!?]", article.body_text) if len(s.strip()) > 8}


def test_demo_titles_are_distinct_and_no_two_bodies_share_more_than_two_sentences():
    call_command("load_demo", readers=0)
    articles = list(Article.objects.all())
    titles = [a.title for a in articles]
    assert len(set(titles)) == len(titles)
    assert not any(re.search(r"[（(]\d+[）)]$", title) for title in titles)  # no numbered copies
    shared = max(len(sentences(a) & sentences(b)) for a, b in itertools.combinations(articles, 2))
    assert shared <= 2


def test_published_demo_bodies_are_of_a_realistic_length_with_recurring_tags():
    call_command("load_demo", readers=0)
    lengths = [len(a.body_text) for a in Article.objects.published()]
    assert min(lengths) >= 300
    assert max(lengths) <= 6000
    tag_uses = Counter(name for a in Article.objects.published() for name in a.tags.names())
    assert sum(1 for uses in tag_uses.values() if uses >= 3) >= 8
    months = {a.publish_at.strftime("%Y-%m") for a in Article.objects.published()}
    assert len(months) >= 4


def test_simulated_readers_go_through_the_view_counter(client):
    call_command("load_demo", readers=60)
    assert sum(ViewCount.objects.values_list("total", flat=True)) == 60
    assert DailyViewCount.objects.filter(total__gt=0).count() >= 5
    home = client.get("/").content.decode()
    most_viewed = Article.objects.published().most_viewed(None)[0]
    assert most_viewed.title in home


def test_the_demo_copy_of_the_fixture_has_no_injected_text():
    title, published, paragraphs = town_news()
    assert SPAM not in title and not any(SPAM in p for p in paragraphs)
    assert published.isoformat(sep=" ") == "2024-07-28 12:40:46"


def test_staff_command_makes_one_login_per_role_idempotently_and_no_superuser(tmp_path, capsys):
    from django.contrib.auth import get_user_model

    call_command("ensure_staff", password_dir=str(tmp_path))
    call_command("ensure_staff", password_dir=str(tmp_path))
    out = capsys.readouterr().out.splitlines()
    names = ("writer", "editor", "chief", "siteadmin")
    passwords = {name: (tmp_path / f"{name}-password").read_text().strip() for name in names}
    assert (
        out[:4]
        == out[4:]
        == [
            f"撰稿 Writers: writer / {passwords['writer']}",
            f"编辑 Editors: editor / {passwords['editor']}",
            f"总编 Chief editors: chief / {passwords['chief']}",
            f"站点管理 Site admins: siteadmin / {passwords['siteadmin']}",
        ]
    )
    users = {user.username: user for user in get_user_model().objects.all()}
    assert sorted(users) == ["chief", "editor", "siteadmin", "writer"]
    assert not any(user.is_superuser for user in users.values())
    assert [users[name].has_perm("articles.publish_article") for name in ("writer", "editor", "chief")] == [
        False,
        False,
        True,
    ]
    assert users["siteadmin"].has_perm("auth.change_user") and not users["chief"].has_perm("auth.change_user")
