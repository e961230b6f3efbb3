"""Demo content: a two-level category tree, the town news article, and generated articles."""

import datetime
import io
import random
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from PIL import Image, ImageDraw

from ..models import Article, ArticleImage, Category

TOWN_NEWS = Path(__file__).with_name("town_news.txt")

CATEGORIES = [
    # slug, name, parent slug, review levels (None: as the parent; top level: one, by a chief editor)
    ("news", "新闻中心", None, None),
    ("town", "镇街动态", "news", None),
    ("economy", "经济发展", "news", None),
    ("notices", "通知公告", None, 3),  # government notices: 三审 (editor, editor, chief editor)
    ("campus", "校园新闻", None, 1),  # one approval, by an editor
    ("students", "学生活动", "campus", None),
    ("english", "English News", None, 0),  # a chief editor publishes directly
]

ENGLISH = [
    (
        "Town council opens new library wing",
        "The new reading rooms add 400 seats and a children's corner.",
    ),
    (
        "Rice harvest festival draws record crowds",
        "Farmers in Xisanhe village celebrated their fourth harvest.",
    ),
    (
        "School robotics team wins regional final",
        "Students built a rice-planting robot in eight weeks.",
    ),
    (
        "Night market brings new life to Shuanggang",
        "The food street now welcomes thousands of visitors a day.",
    ),
    (
        "Elderly care centre begins meal delivery",
        "Seniors can now order balanced meals delivered to their door.",
    ),
    (
        "Job fair matches 400 residents with local firms",
        "Twenty-five companies came to the community job fair.",
    ),
]
TAGS = ["乡村振兴", "基层治理", "就业", "养老", "文化", "教育", "economy", "community"]


def image_file(seed, name, size=(960, 600)):
    """A generated JPEG: a gradient with a few shapes, distinct per seed."""
    rng = random.Random(seed)
    base = [rng.randrange(40, 200) for _ in range(3)]
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(size[1]):
        shade = y * 80 // size[1]
        draw.line([(0, y), (size[0], y)], fill=tuple(min(255, c + shade) for c in base))
    for _ in range(6):
        x, y, r = rng.randrange(size[0]), rng.randrange(size[1]), rng.randrange(30, 140)
        draw.ellipse(
            [x - r, y - r, x + r, y + r],
            fill=tuple(rng.randrange(256) for _ in range(3)),
        )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name=name)


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
        cover_image=image_file(1000, "shuanggang.jpg"),
    )
    article.tags.add("乡村振兴", "基层治理", "就业", "养老")
    for number in range(1, 5):
        ArticleImage.objects.create(
            article=article,
            image=image_file(1000 + number, f"shuanggang-{number}.jpg"),
            alt_text=f"{title}(图{number})",
            caption=title,
            credit="双港镇",
            sort_order=number,
        )
    rng = random.Random(7)
    sentences = [p for p in paragraphs if not p.startswith("[")]
    now = timezone.now()
    created = 1
    chinese_slugs = ["town", "economy", "notices", "students", "campus", "news"]
    for index in range(30):
        body = rng.sample(sentences, 3)
        first = body[0].split("。")[0]
        status = Article.Status.DRAFT if index in {3, 17} else Article.Status.PUBLISHED
        article = Article.objects.create(
            title=f"{first[:28]}（{index + 1}）",
            summary=body[0][:100],
            body=paragraphs_html(body),
            category=categories[chinese_slugs[index % len(chinese_slugs)]],
            source=rng.choice(["双港镇", "津南区融媒体中心", "校团委"]),
            author=author,
            status=status,
            publish_at=now - datetime.timedelta(days=index, hours=rng.randrange(24)),
            cover_image=image_file(index, f"cover-{index}.jpg", (480, 320)) if index % 3 == 0 else None,
        )
        article.tags.add(*rng.sample(TAGS[:6], 2))
        created += 1
    for index, (title, summary) in enumerate(ENGLISH):
        article = Article.objects.create(
            title=title,
            summary=summary,
            body=paragraphs_html([summary, "Residents said the change was welcome and long awaited."]),
            category=categories["english"],
            author=author,
            status=Article.Status.PUBLISHED,
            publish_at=now - datetime.timedelta(days=index * 2, hours=3),
        )
        article.tags.add("community", "economy" if index % 2 else "education")
        created += 1
    Article.objects.create(
        title="双港镇夏季文化节即将开幕",
        summary="文化节将于下周开幕，届时将有多场惠民演出。",
        body=paragraphs_html(["文化节将于下周开幕，届时将有多场惠民演出。"]),
        category=categories["town"],
        author=author,
        status=Article.Status.PUBLISHED,
        publish_at=now + datetime.timedelta(days=3),
    )
    # The review chain at work: one notice waiting for its first review, one returned to its writer.
    Article.objects.create(
        title="关于冬季供暖设施检修的通知",
        summary="12月5日至7日，镇区部分小区供暖设施检修，请居民提前做好准备。",
        body=paragraphs_html(
            ["12月5日至7日，镇区部分小区供暖设施检修，届时将暂停供暖。请居民提前做好准备。"]
        ),
        category=categories["notices"],
        author=writer or author,
        submitted_by=writer or author,
        status=Article.Status.IN_REVIEW,
        review_level=1,
    )
    Article.objects.create(
        title="校园读书节活动回顾",
        summary="为期两周的读书节落下帷幕。",
        body=paragraphs_html(["为期两周的读书节落下帷幕，同学们共读书目三百余种。"]),
        category=categories["campus"],
        author=writer or author,
        status=Article.Status.REJECTED,
        review_comment="请补充活动照片，并核实参与人数。",
    )
    return created + 3
