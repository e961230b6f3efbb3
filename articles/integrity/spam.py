"""Spot text that intruders inject into articles: betting brands, hidden markup.

Compromised Chinese government and school sites typically carry a betting brand
inserted into titles, image alt texts and mid-sentence (the demo's town article had
半岛·综合体育下载 nine times). Every text is folded first (normalize.py), then:

- a listed brand (NEWSROOM_SPAM_BRANDS) in Chinese, pinyin or English is injected text;
- a brand word that is also an ordinary word (半岛 in 山东半岛体育产业, 开云 …) counts
  only with a promotion word after it (官网, 下载, app, 平台 …);
- gambling terms that news reports on (六合彩, 百家乐 …) count only beside a promotion
  word and not after words of enforcement (打击六合彩等非法赌博 is news, not spam);
- NEWSROOM_SPAM_PATTERNS, regular expressions a site adds, match the folded text.
"""

import functools
import re
from dataclasses import dataclass

from django.conf import settings

from .normalize import fold, fold_keeping_punctuation, pinyin

HIDDEN_MARKUP = re.compile(
    r"""style\s*=\s*["'][^"']*(display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|"""
    r"""(?:left|top|text-indent)\s*:\s*-\d{3,}|opacity\s*:\s*0(?:\.0+)?\s*(?:;|["']))""",
    re.IGNORECASE,
)
PROMOTION = (
    r"(?:官网|官方|下载|app|平台|注册|入口|网址|登录|登陆|首页|手机版|网页版|客户端|开户|充值|"
    r"在线|网站|链接|投注|返水|彩金|娱乐城|com|net|vip)"
)
ENFORCEMENT = re.compile(r"打击|严打|查处|取缔|非法|违法|举报|防范|警惕|远离|拒绝|禁止|整治|专项|犯罪|涉赌")


@dataclass(frozen=True)
class Finding:
    field: str
    text: str
    kind: str = "brand"

    def __str__(self):
        return f"{self.field}: {self.text}"


@functools.cache
def _rules(brands, roots, terms, extra):
    spellings = set()
    for brand in brands:
        spellings |= {fold(brand), pinyin(fold(brand))}
    listed = re.compile("|".join(sorted(map(re.escape, spellings), key=len, reverse=True)))
    ambiguous = re.compile(
        "(?:" + "|".join(f"{re.escape(fold(r))}|{re.escape(pinyin(fold(r)))}" for r in roots) + r")"
        r"(?:综合)?(?:体育|tiyu|sports?|娱乐|yule|电竞)?" + PROMOTION
    )
    gambling = re.compile("(?:" + "|".join(map(re.escape, terms)) + ")")
    patterns = [re.compile(p, re.IGNORECASE) for p in extra]
    return listed, ambiguous, gambling, patterns


def _matches(text):
    listed, ambiguous, gambling, patterns = _rules(
        tuple(settings.NEWSROOM_SPAM_BRANDS),
        tuple(settings.NEWSROOM_SPAM_BRAND_WORDS),
        tuple(settings.NEWSROOM_GAMBLING_TERMS),
        tuple(settings.NEWSROOM_SPAM_PATTERNS),
    )
    folded = fold(text)
    found = [m.group() for rule in (listed, ambiguous, *patterns) for m in rule.finditer(folded)]
    readable = fold_keeping_punctuation(text)
    for match in gambling.finditer(readable):
        before = readable[max(0, match.start() - 12) : match.start()]
        after = readable[match.end() : match.end() + 8]
        if re.search(PROMOTION, after) and not ENFORCEMENT.search(before + after):
            found.append(match.group() + re.search(PROMOTION, after).group())
    return found


def _as_written(text, folded_match):
    """The stretch of ``text`` a folded match came from, where separators were all that folding
    removed (半岛·综合体育 for 半岛综合体育); otherwise the folded match itself."""
    gap = r"[\s·・‧•∙⋅_\-‐‑.]*"
    pattern = gap.join(re.escape(ch) for ch in folded_match)
    found = re.search(pattern, text, re.IGNORECASE)
    return found.group() if found else folded_match


def find_injected_text(fields):
    """Findings in {field name: plain text}: each injected phrase, once per field."""
    findings = []
    for field, text in fields.items():
        found = list(dict.fromkeys(_as_written(text or "", match) for match in _matches(text or "")))
        for phrase in found:
            if not any(phrase != other and phrase in other for other in found):  # the longest only
                findings.append(Finding(field, phrase))
    return findings


def find_hidden_markup(html):
    """Markup that hides text from readers but not from search engines (before sanitising drops the style)."""
    return [Finding("body", m.group(), "hidden") for m in HIDDEN_MARKUP.finditer(html or "")]
