"""What search engines and share cards read about an article: JSON-LD and OpenGraph.

``NewsArticle`` carries the properties Google's article guidelines ask for (headline,
image with size, dates, author, publisher with logo, the page it is the main entity of);
``BreadcrumbList`` its place in the category tree. The JSON goes into a <script>
element, so <, > and & are written as \\u escapes: no title can end the element early.
"""

import json

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import mark_safe

from .site_url import absolute, absolute_file

ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
HEADLINE_LIMIT = 110  # Google shows no more


def _image(fieldfile, width, height):
    return {"@type": "ImageObject", "url": absolute_file(fieldfile), "width": width, "height": height}


def article_images(article):
    images = [_image(article.cover.file, article.cover.width, article.cover.height)] if article.cover else []
    images += [_image(f.image.file, f.image.width, f.image.height) for f in article.figures.all()]
    return images


def news_article(article):
    author = article.author.get_full_name() if article.author else ""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:HEADLINE_LIMIT],
        "description": article.description(),
        "datePublished": timezone.localtime(article.publish_at).isoformat(),
        "dateModified": timezone.localtime(article.updated_at).isoformat(),
        "mainEntityOfPage": {"@type": "WebPage", "@id": absolute(article.get_absolute_url())},
        "publisher": {
            "@type": "Organization",
            "name": settings.NEWSROOM_SITE_NAME,
            "logo": {
                "@type": "ImageObject",
                "url": absolute(static("img/logo.png")),
                "width": 600,
                "height": 60,
            },
        },
        "author": [{"@type": "Person", "name": author}]
        if author
        else [{"@type": "Organization", "name": article.source or settings.NEWSROOM_SITE_NAME}],
        "articleSection": article.category.name,
        "keywords": [tag.name for tag in article.tags.all()],
    }
    images = article_images(article)
    if images:
        data["image"] = images
    return data


def breadcrumbs(article):
    trail = [
        (category.name, category.get_absolute_url()) for category in article.category.ancestors_and_self()
    ]
    trail.append((article.title, article.get_absolute_url()))
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": absolute(url)}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def json_ld(data):
    """A <script type="application/ld+json"> element whose text nothing can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # escaped above
