"""Reading a site's archive: a WordPress export (WXR) or a table export (CSV/JSON) from
DedeCMS, PbootCMS or EmpireCMS, each row as one ``SourceArticle``.

Readers only read and normalise; they never write. A row they cannot make sense of
is still yielded, with ``problem`` saying why, so the run reports it and goes on.
"""

import csv
import datetime
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone
from django.utils.dateparse import parse_datetime

WP = "{http://wordpress.org/export/1.2/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
EXCERPT = "{http://wordpress.org/export/1.2/excerpt/}encoded"
CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
WP_STATUSES = {
    "publish": "published",
    "future": "published",
    "draft": "draft",
    "pending": "draft",
    "private": "draft",
}
TAG_SEPARATORS = re.compile(r"[,，、;；|]")
BLOCK_TAG = re.compile(r"<(?:p|div|h[1-6]|ul|ol|table|blockquote|figure|pre)\b", re.IGNORECASE)


@dataclass
class SourceArticle:
    key: str  # the source's id or GUID: what makes a second run find the first run's article
    title: str = ""
    body: str = ""
    summary: str = ""
    category_path: list = field(default_factory=list)  # root first: ["新闻中心", "镇街动态"]
    tags: list = field(default_factory=list)
    author: str = ""
    author_name: str = ""
    publish_at: datetime.datetime | None = None
    status: str = "published"
    slug: str = ""
    source: str = ""
    images: list = field(default_factory=list)  # file names or addresses, in the media folder
    cover: str = ""
    image_alt: dict = field(default_factory=dict)  # file name or address -> alt text the source had
    problem: str = ""  # why this row cannot be imported (reported, skipped)


def read(path):
    """The articles of the export at ``path``, by its kind (.xml WXR, .csv, .json)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return read_wxr(path)
    if suffix == ".csv":
        return read_csv(path)
    if suffix == ".json":
        return read_json(path)
    raise ValueError(f"Unknown export format {suffix!r}: give a WordPress .xml, a .csv or a .json file.")


# WordPress eXtended RSS -----------------------------------------------------------------


def _text(element, tag):
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else ""


def wpautop(text):
    """WordPress stores classic-editor posts without <p>: blank lines separate paragraphs."""
    text = re.sub(r"<!--.*?-->", "", text or "", flags=re.DOTALL)  # block-editor comments
    if BLOCK_TAG.search(text):
        return text
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)


def _wp_time(item):
    gmt = _text(item, f"{WP}post_date_gmt")
    if gmt and not gmt.startswith("0000"):
        parsed = parse_datetime(gmt)
        if parsed:
            return parsed.replace(tzinfo=datetime.UTC)
    local = parse_datetime(_text(item, f"{WP}post_date") or "")
    return timezone.make_aware(local) if local and timezone.is_naive(local) else local


def read_wxr(path):
    tree = ET.parse(path)  # expat: no external entities, and entity expansion is bounded
    channel = tree.getroot().find("channel")
    if channel is None:
        raise ValueError("Not a WordPress export: no <channel>.")
    names, parents = {}, {}
    for category in channel.findall(f"{WP}category"):
        nicename = _text(category, f"{WP}category_nicename")
        names[nicename] = html.unescape(_text(category, f"{WP}cat_name"))
        parents[nicename] = _text(category, f"{WP}category_parent")

    def path_of(nicename):
        chain, seen = [], set()
        while nicename and nicename not in seen:
            seen.add(nicename)
            chain.append(names.get(nicename, nicename))
            nicename = parents.get(nicename, "")
        return list(reversed(chain))

    authors = {
        _text(a, f"{WP}author_login"): _text(a, f"{WP}author_display_name")
        for a in channel.findall(f"{WP}author")
    }
    items = channel.findall("item")
    attachments, attachment_alt = {}, {}
    for item in items:
        if _text(item, f"{WP}post_type") == "attachment":
            url = _text(item, f"{WP}attachment_url")
            attachments[_text(item, f"{WP}post_id")] = url
            for meta in item.findall(f"{WP}postmeta"):
                if _text(meta, f"{WP}meta_key") == "_wp_attachment_image_alt":
                    attachment_alt[url] = _text(meta, f"{WP}meta_value")
    for item in items:
        if _text(item, f"{WP}post_type") != "post":
            continue
        status = _text(item, f"{WP}status")
        meta = {_text(m, f"{WP}meta_key"): _text(m, f"{WP}meta_value") for m in item.findall(f"{WP}postmeta")}
        categories = [
            c.get("nicename", "") for c in item.findall("category") if c.get("domain") == "category"
        ]
        login = _text(item, CREATOR)
        article = SourceArticle(
            key="wxr:" + (_text(item, "guid") or _text(item, f"{WP}post_id")),
            title=html.unescape(_text(item, "title")),
            body=wpautop(_text(item, CONTENT)),
            summary=_text(item, EXCERPT),
            category_path=path_of(categories[0]) if categories else [],
            tags=[
                html.unescape(c.text or "") for c in item.findall("category") if c.get("domain") == "post_tag"
            ],
            author=login,
            author_name=authors.get(login, ""),
            publish_at=_wp_time(item),
            status=WP_STATUSES.get(status, ""),
            slug=_text(item, f"{WP}post_name"),
            cover=attachments.get(meta.get("_thumbnail_id", ""), ""),
            image_alt=attachment_alt,
        )
        if not article.status:
            article.problem = f"status “{status}” is not imported (trash, or not a post)"
        yield article


# Table exports: DedeCMS, PbootCMS, EmpireCMS, or anything with these columns -----------------

# Our column, then the names the PHP CMSs' tables use for it (dede_archives + addonarticle,
# ay_content, phome_ecms_news), lower-cased.
COLUMNS = {
    "key": ["id", "aid", "source_id", "guid"],
    "title": ["title", "标题"],
    "body": ["body", "body_html", "content", "newstext", "正文"],
    "summary": ["summary", "description", "smalltext", "摘要"],
    "category_path": ["category_path", "category", "typename", "sort", "classname", "栏目"],
    "tags": ["tags", "keywords", "tag", "关键词", "标签"],
    "author": ["author", "writer", "username", "作者"],
    "publish_at": ["publish_at", "pubdate", "date", "newstime", "senddate", "发布时间"],
    "source": ["source", "copyfrom", "befrom", "来源"],
    "images": ["images", "pics", "picurls", "图片"],
    "cover": ["cover", "litpic", "ico", "titlepic", "缩略图"],
    "status": ["status", "arcrank", "checked", "状态"],
    "slug": ["slug", "filename"],
}
DRAFT_WORDS = {"draft", "0", "-1", "草稿", "未审核", "false"}


def _column(row, name):
    for alias in COLUMNS[name]:
        if alias in row and row[alias] not in (None, ""):
            return str(row[alias]).strip()
    return ""


def parse_time(value):
    """ISO, “2024-07-28 12:40:46”, “2024/07/28”, or a Unix timestamp (DedeCMS's pubdate)."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit() and len(value) >= 9:
        return datetime.datetime.fromtimestamp(int(value), tz=datetime.UTC)
    value = value.replace("/", "-")
    parsed = parse_datetime(value) or parse_datetime(value + " 00:00:00")
    if parsed is None:
        raise ValueError(f"publish time “{value[:40]}” is not a date")
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def from_row(number, row):
    row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
    key = _column(row, "key")
    article = SourceArticle(key=f"table:{key}" if key else f"table-row:{number}")
    article.title = _column(row, "title")
    article.body = _column(row, "body")
    article.summary = _column(row, "summary")
    article.category_path = [
        part.strip() for part in re.split(r"[/>›]", _column(row, "category_path")) if part.strip()
    ]
    article.tags = [tag.strip() for tag in TAG_SEPARATORS.split(_column(row, "tags")) if tag.strip()]
    article.author = _column(row, "author")
    article.source = _column(row, "source")
    article.slug = _column(row, "slug")
    article.images = [name.strip() for name in TAG_SEPARATORS.split(_column(row, "images")) if name.strip()]
    article.cover = _column(row, "cover")
    article.status = "draft" if _column(row, "status").lower() in DRAFT_WORDS else "published"
    if not key:
        article.problem = "no id column (id, aid): a second run could not recognise the row"
    try:
        article.publish_at = parse_time(_column(row, "publish_at"))
    except (ValueError, OverflowError, OSError) as error:
        article.problem = str(error)
    return article


def _decoded(path):
    raw = Path(path).read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # older Chinese PHP sites export GBK
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError("The file is neither UTF-8 nor GBK/GB18030 text.")


def read_csv(path):
    reader = csv.DictReader(io.StringIO(_decoded(path), newline=""))
    for number, row in enumerate(reader, start=2):  # line 1 is the header
        yield from_row(number, row)


def read_json(path):
    data = json.loads(_decoded(path))
    rows = data.get("articles", data.get("data", [])) if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise ValueError('The JSON holds no list of articles (a list, or {"articles": [...]}).')
    for number, row in enumerate(rows, start=1):
        if isinstance(row, dict):
            yield from_row(number, row)
        else:
            yield SourceArticle(key=f"table-row:{number}", problem="not an object with columns")
