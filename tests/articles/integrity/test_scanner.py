"""The integrity scanner: every spelling of a brand, every public text, the injection
signature for unlisted brands, links, bodies written around the sanitiser, and not the news."""

from pathlib import Path

import pytest

from articles.demo.content import town_news
from articles.images.figures import figure_html
from articles.integrity.scanner import scan_article
from articles.integrity.signature import repeated_insertion
from articles.integrity.spam import find_injected_text
from articles.models import Category
from tests.factories import make_article, make_category, make_image

AS_SERVED = Path(__file__).parents[2] / "data" / "town-news-article-as-served.txt"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("開雲體育官網", "开云体育官网"),  # traditional
        ("ＫＡＩＹＵＮ体育平台", "kaiyun体育平台"),  # full-width (quoted as folded)
        ("开\u200b云\u200d体育", "开云体育"),  # zero-width characters inside
        ("半・岛・综・合・体・育", "半・岛・综・合・体・育"),  # separators
        ("华 体 会", "华 体 会"),
        ("bandaotiyu官网", "bandaotiyu官网"),  # pinyin
        ("Kai Yun Ti Yu", "Kai Yun Ti Yu"),
        ("Bet365", "Bet365"),  # English
        ("六合彩开户送彩金", "六合彩开户"),
    ],
)
def test_every_spelling_of_a_brand_is_found(text, found):
    assert [f.text for f in find_injected_text({"x": f"今天{text}了"})] == [found]


@pytest.mark.parametrize(
    "text",
    [
        "山东半岛体育产业蓬勃发展，半岛体育中心开放。",
        "公安机关严厉打击六合彩等非法赌博活动。",
        "专家提醒：远离网络赌博，警惕六合彩网站诈骗。",
        "全民健身体育中心开放，综合体育馆迎来首场比赛。",
        "星空下的露营地，开云见日的好天气。",
        "Bob from the school band won the prize.",
    ],
)
def test_news_about_gambling_and_ordinary_words_are_not_flagged(text):
    assert find_injected_text({"x": text}) == []


def test_the_cleaned_demo_article_is_not_flagged():
    title, _, paragraphs = town_news()
    assert find_injected_text({"title": title, "body": "\n".join(paragraphs)}) == []


def _seed(brand):
    """The town page as served, with its injected brand replaced by ``brand``."""
    lines = [line.strip() for line in AS_SERVED.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = [line.replace("半岛·综合体育下载", brand) for line in lines]
    alts = [line for line in lines if "(图" in line]
    return lines[1], alts, "\n".join(line for line in lines[5:] if line not in alts)


@pytest.mark.parametrize("brand", ["半岛·综合体育下载", "金鼎娱乐城首页", "天宝国际手机版"])
def test_the_injection_signature_is_recognised_for_any_brand(brand):
    title, alts, body = _seed(brand)
    assert repeated_insertion(title, alts, body) == brand.replace("·", "")


def test_the_clean_page_has_no_injection_signature():
    title, alts, body = _seed("")
    assert repeated_insertion(title, alts, body) is None


def test_a_topical_phrase_repeated_in_title_alts_and_body_is_not_an_injection():
    title = "乡村振兴看双港：西三合村的新路子"
    alts = [f"{title}(图{n})" for n in (1, 2)]
    body = "推进乡村振兴，双港镇有新办法。乡村振兴是一篇大文章。全面推进乡村振兴，产业是基础。"
    assert repeated_insertion(title, alts, body) is None


@pytest.mark.django_db
def test_every_public_text_of_an_article_is_scanned():
    category = Category.objects.create(name="开云体育官网", slug="news-x", parent=make_category("新闻"))
    article = make_article(
        "镇里开会",
        category=category,
        summary="华体会",
        meta_description="乐鱼体育官网",
        source="bet365",
        slug="kaiyun-app",
        tags=["必威体育"],
    )
    article.body += figure_html(
        make_image(alt_text="图", caption="雷竞技", credit="爱游戏体育"), alt="开云体育"
    )
    article.save()
    found = {(f.field, f.kind) for f in scan_article(article)}
    assert found == {
        ("body", "brand"),  # the figure's caption, placed in the body by the editor
        ("summary", "brand"),
        ("meta description", "brand"),
        ("source", "brand"),
        ("slug", "brand"),
        ("tag “必威体育”", "brand"),
        ("category “news-x”", "brand"),
        ("figure 1 alt text", "brand"),
        ("figure 1 caption", "brand"),
        ("figure 1 credit", "brand"),
    }


@pytest.mark.django_db
def test_links_to_sites_off_the_allowlist_are_reported(settings):
    settings.NEWSROOM_LINK_ALLOWLIST = ["gov.cn"]
    article = make_article(
        "通知",
        body='<p><a href="https://www.tj.gov.cn/x">市政府</a> <a href="/local">本站</a> '
        '<a href="https://bet.example.com/?a=1">详情</a> <a href="mailto:a@b.cn">信箱</a></p>',
    )
    assert [(f.kind, f.text) for f in scan_article(article)] == [("link", "bet.example.com")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        '<p>通知</p><script src="//evil.example/x.js"></script>',
        # Python's HTML parser gives up on this XSS payload ("expected name token"): the scan goes on.
        '<p>通知</p><![><img src="]><img src=x onerror=alert(1)//">',
    ],
)
def test_a_body_written_around_the_sanitiser_is_reported(body):
    from articles.models import Article

    article = make_article("通知")
    Article.objects.filter(pk=article.pk).update(body=body)
    article.refresh_from_db()
    assert [(f.kind, f.field) for f in scan_article(article)] == [("unsanitised", "body")]


@pytest.mark.django_db
def test_a_malformed_link_is_reported_not_a_crash():
    article = make_article("通知", body='<p><a href="//[">x</a></p>')  # nh3 keeps it
    assert [(f.kind, f.text) for f in scan_article(article)] == [("link", "//[")]
