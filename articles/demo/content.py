"""Demo content: a category tree, the cleaned town news article, and the stories in stories.txt."""

import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from ..images.figures import figure_html
from ..images.markers import place_figures
from ..models import Article, ArticleFlag, Category, Image
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
    town_figures = [
        _image(
            picture(kind, number, f"shuanggang-{number}.jpg"),
            title=f"{title}(图{number})",
            alt_text=f"{title}(图{number})",
            caption=title,
            credit="双港镇",
            tags=["双港镇"],
        )
        for number, kind in enumerate(("field", "village", "road", "greenhouse"), start=1)
    ]
    article = Article.objects.create(
        title=title,
        slug="shuanggang-reform",
        summary="双港镇以改革创新推动高质量发展：稻田里的乡村振兴、社区治理创新、盘活闲置资源，以及就业、文化和养老服务。",
        body=place_figures(paragraphs_html(paragraphs), [figure_html(image) for image in town_figures]),
        category=categories["town"],
        source="双港镇",
        author=author,
        status=Article.Status.PUBLISHED,
        publish_at=published.replace(tzinfo=tz),
        cover=_image(
            picture("panorama", 1000, "shuanggang.jpg"),
            title="双港镇全景",
            alt_text="双港镇全景：稻田、村庄和公路",
            credit="双港镇",
            tags=["双港镇"],
        ),
    )
    article.tags.add("乡村振兴", "基层治理", "就业创业", "养老服务")
    now = timezone.localtime()
    for number, story in enumerate(stories(), start=1):
        _create_story(story, number, categories, now, author, writer or author)
    Image.objects.filter(uploaded_by=None).update(uploaded_by=author)  # the demo's photographer
    for slug, kind, order in PLACEMENTS:
        ArticleFlag.objects.create(article=Article.objects.get(slug=slug), kind=kind, order=order)
    return 1 + len(stories())


def _create_story(story, number, categories, now, author, writer):
    day = now - datetime.timedelta(days=story.days_ago)
    images = [
        _image(
            picture(kind, number * 10 + order, f"{story.slug}-{order}.jpg"),
            title=caption or alt_text,
            alt_text=alt_text,
            caption=caption,
            credit=story.source,
            tags=story.tags[:1],
        )
        for order, (kind, alt_text, caption) in enumerate(story.figures, start=1)
    ]
    in_progress = story.status in {"draft", "review", "returned"}
    article = Article.objects.create(
        title=story.title,
        slug=story.slug,
        summary=story.summary,
        body=place_figures(paragraphs_html(story.paragraphs), [figure_html(image) for image in images]),
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
        cover=_image(
            picture(story.figures[0][0], number + 500, f"{story.slug}-cover.jpg"),
            title=story.title,
            alt_text=story.figures[0][1],
            credit=story.source,
            tags=story.tags[:1],
        )
        if story.figures
        else None,
    )
    article.tags.add(*story.tags)


def _image(file, tags=(), **fields):
    image = Image.objects.create(file=file, **fields)
    image.tags.add(*tags)
    return image
