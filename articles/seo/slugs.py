"""The one rule for addresses made from names: pinyin for Chinese, words for the rest.

``镇街动态：双港镇召开会议`` becomes ``zhen-jie-dong-tai-shuang-gang-zhen-zhao-kai-hui-yi``
instead of 60 percent-encoded bytes per character. Articles, categories and tags all
use it; an editor may still type any slug. Old addresses keep answering with a 301
(articles by their id in the address; categories and tags by FormerSlug).
"""

import hashlib

from django.utils.text import slugify

MAX_SLUG_LENGTH = 60


def readable_slug(name, fallback="article"):
    """Lower-case pinyin syllables and words joined by hyphens, at most ~60 characters,
    cut at a hyphen; a name with neither gets ``fallback`` plus a short hash."""
    from pypinyin import lazy_pinyin  # 56 MB of dictionaries: loaded by the processes that save

    slug = slugify(" ".join(lazy_pinyin(name or "", errors=lambda text: text)))
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[: MAX_SLUG_LENGTH + 1].rsplit("-", 1)[0] or slug[:MAX_SLUG_LENGTH]
    if not slug:
        slug = "-".join(filter(None, [fallback, hashlib.sha256((name or "").encode()).hexdigest()[:12]]))
    return slug


def unique_slug(model, name, fallback, exclude=None):
    """``readable_slug`` of ``name``, with -2, -3 … added if another row of ``model`` has it."""
    base = readable_slug(name, fallback)[:90]
    taken = set(
        model.objects.filter(slug__startswith=base).exclude(pk=exclude).values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
