"""The engine finds exactly what a plain substring scan finds (Chinese), or a word-prefix scan (English)."""

import random
import re

import pytest

from articles.demo.content import town_news
from articles.models import Article
from articles.search import parse, search_articles
from articles.search.tokens import normalize
from tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db

ENGLISH = [
    (
        "Library opens",
        "The new Library wing adds reading rooms; librarians welcome readers.",
    ),
    (
        "Harvest festival",
        "Farmers celebrate the rice harvest with a festival and a concert.",
    ),
    (
        "Robotics final",
        "Students built a robot; the robotics team won the regional final.",
    ),
]


@pytest.fixture
def corpus():
    category = make_category(slug="news")
    rng = random.Random(3)
    _, _, paragraphs = town_news()
    sentences = [s for p in paragraphs if not p.startswith("[") for s in re.split("[。;]", p) if s]
    for _ in range(40):
        chosen = rng.sample(sentences, 3)
        make_article(
            title=chosen[0][:20],
            category=category,
            summary="",
            body="".join(f"<p>{s}。</p>" for s in chosen[1:]),
        )
    for title, body in ENGLISH:
        make_article(
            title=title,
            category=category,
            body=f"<p>{body} 混合 text 联东U谷 面积5.45万平方米</p>",
        )
    return list(Article.objects.all())


def hits(query):
    return {article.pk for article in search_articles(Article.objects.all(), parse(query))[:2000]}


def substring_scan(articles, text):
    needle = normalize(text)
    return {
        a.pk
        for a in articles
        if needle in normalize(a.title) or needle in normalize(f"{a.summary}\n{a.body_text}")
    }


def cjk_substrings(articles, length, count, rng):
    runs = [
        run
        for a in articles
        for run in re.findall(r"[\u4e00-\u9fff]+", a.title + a.body_text)
        if len(run) >= length
    ]
    found = set()
    while len(found) < count:
        run = rng.choice(runs)
        start = rng.randrange(len(run) - length + 1)
        found.add(run[start : start + length])
    return sorted(found)


@pytest.mark.parametrize("length", [1, 2, 3, 4])
def test_chinese_queries_miss_nothing_and_add_nothing(corpus, length):
    rng = random.Random(length)
    for text in cjk_substrings(corpus, length, 40, rng) + [
        "稻田",
        "养老",
        "就业",
        "港城",
        "不存在的词",
    ]:
        assert hits(text) == substring_scan(corpus, text), text


def test_two_terms_mean_and(corpus):
    expected = substring_scan(corpus, "稻田") & substring_scan(corpus, "就业")
    assert hits("稻田 就业") == expected


def test_minus_excludes(corpus):
    assert hits("稻田 -就业") == substring_scan(corpus, "稻田") - substring_scan(corpus, "就业")


def test_mixed_script_terms(corpus):
    assert hits("联东U谷") == substring_scan(corpus, "联东U谷") != set()
    assert hits("5.45万") == substring_scan(corpus, "5.45万") != set()


@pytest.mark.parametrize("word", ["library", "LIBRARY", "harvest", "robot", "robotics", "librar", "festiv"])
def test_english_words_are_case_insensitive_and_the_last_is_a_prefix(corpus, word):
    pattern = re.compile(rf"\b{re.escape(word)}", re.IGNORECASE)
    expected = {a.pk for a in corpus if pattern.search(a.title) or pattern.search(a.body_text)}
    assert expected and hits(word) == expected


def test_quoted_phrase_matches_words_in_order(corpus):
    assert hits('"rice harvest"') == {a.pk for a in corpus if "rice harvest" in a.body_text}
    assert hits('"harvest rice"') == set()
