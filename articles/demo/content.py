"""Demo content: a category tree, the cleaned town news article, and the stories in stories.txt."""

import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from ..models import Article, ArticleFlag, ArticleImage, Category
from .pictures import picture
from .stories import stories

TOWN_NEWS = Path(__file__).with_name("town_news.txt")

CATEGORIES = [
    # slug, name, parent slug, review levels (None: as the parent; top level: one, by a chief editor)
    ("news", "新闻中心", None, None),
    ("town", "镇街动态", "news", None),
    ("economy", "经济发展", "news", None),
    ("farming", "农业农村", "news", None),
    ("livelihood", "民生服务", "news", None),
    ("notices", "通知公告", None, 3),  # government notices: 三审 (editor, editor, chief editor)
    ("campus", "校园新闻", None, 1),  # one approval, by an editor
    ("students", "学生活动", "campus", None),
    ("teaching", "教学科研", "campus", None),
    ("english", "English News", None, 0),  # a chief editor publishes directly
]
RETURNED_COMMENT = "请补充活动照片，并核实参与人数。"
# (slug, placement, order): the home page's 头条 and 推荐, and a notice pinned (置顶) in its category.
PLACEMENTS = [
    ("autumn-harvest-rice", "headline", 1),
    ("community-canteen-opens", "recommended", 1),
    ("job-fair-autumn", "recommended", 2),
    ("school-robotics-final", "recommended", 3),
    ("flu-vaccine-notice", "pinned", 1),
]


def paragraphs_html(paragraphs):
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def town_news():
    lines = TOWN_NEWS.read_text(encoding="utf-8").splitlines()
    title, published = lines[0], lines[1]
    paragraphs = [line for line in lines[3:] if line.strip()]
    return title, datetime.datetime.fromisoformat(published), paragraphs


@transaction.atomic
def load(author=None, writer=None):
    """Create the demo content; running it again changes nothing."""
    categories = {}
    for order, (slug, name, parent, levels) in enumerate(CATEGORIES):
        categories[slug], _ = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "parent": categories.get(parent),
                "sort_order": order,
                "review_levels": levels,
            },
        )
    if Article.objects.exists():
        return 0
    tz = timezone.get_current_timezone()
    title, published, paragraphs = town_news()
    article = Article.objects.create(
        title=title,
        slug="shuanggang-reform",
        summary="双港镇以改革创新推动高质量发展：稻田里的乡村振兴、社区治理创新、盘活闲置资源，以及就业、文化和养老服务。",
        body=paragraphs_html(paragraphs),
        category=categories["town"],
        source="双港镇",
        author=author,
        status=Article.Status.PUBLISHED,
        publish_at=published.replace(tzinfo=tz),
        cover_image=picture("panorama", 1000, "shuanggang.jpg"),
    )
    article.tags.add("乡村振兴", "基层治理", "就业创业", "养老服务")
    for number in range(1, 5):
        ArticleImage.objects.create(
            article=article,
            image=picture(
                ("field", "village", "road", "greenhouse")[number - 1], number, f"shuanggang-{number}.jpg"
            ),
            alt_text=f"{title}(图{number})",
            caption=title,
            credit="双港镇",
            sort_order=number,
        )
    now = timezone.localtime()
    for number, story in enumerate(stories(), start=1):
        _create_story(story, number, categories, now, author, writer or author)
    for slug, kind, order in PLACEMENTS:
        ArticleFlag.objects.create(article=Article.objects.get(slug=slug), kind=kind, order=order)
    return 1 + len(stories())


def _create_story(story, number, categories, now, author, writer):
    day = now - datetime.timedelta(days=story.days_ago)
    in_progress = story.status in {"draft", "review", "returned"}
    article = Article.objects.create(
        title=story.title,
        slug=story.slug,
        summary=story.summary,
        body=paragraphs_html(story.paragraphs),
        category=categories[story.category],
        source=story.source,
        author=writer if in_progress else author,
        status={
            "draft": Article.Status.DRAFT,
            "review": Article.Status.IN_REVIEW,
            "returned": Article.Status.REJECTED,
        }.get(story.status, Article.Status.PUBLISHED),
        submitted_by=writer if story.status == "review" else None,
        review_level=1 if story.status == "review" else 0,
        review_comment=RETURNED_COMMENT if story.status == "returned" else "",
        publish_at=day.replace(hour=story.hour, minute=(number * 7) % 60, second=0, microsecond=0),
        cover_image=picture(story.figures[0][0], number + 500, f"{story.slug}-cover.jpg")
        if story.figures
        else None,
    )
    article.tags.add(*story.tags)
    for order, (kind, alt_text, caption) in enumerate(story.figures, start=1):
        ArticleImage.objects.create(
            article=article,
            image=picture(kind, number * 10 + order, f"{story.slug}-{order}.jpg"),
            alt_text=alt_text,
            caption=caption,
            credit=story.source,
            sort_order=order,
        )
