import re

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..models import Category

register = template.Library()

# An editor places figure N with a paragraph of its own: [图N] or [figure N].
FIGURE_MARKER = re.compile(r"<p>\s*\[(?:图|figure\s*)(\d{1,3})\]\s*</p>", re.IGNORECASE)


@register.inclusion_tag("includes/category_nav.html", takes_context=True)
def category_nav(context):
    return {
        "categories": Category.objects.visible().top_level(),
        "request": context.get("request"),
    }


@register.simple_tag
def article_body(article):
    """The sanitised body with its figures: placed where the editor put a marker, the rest after."""
    images = list(article.images.all())
    placed = set()

    def figure(number):
        placed.add(number)
        return render_to_string("includes/figure.html", {"image": images[number - 1], "number": number})

    def replace(match):
        number = int(match.group(1))
        return figure(number) if 1 <= number <= len(images) and number not in placed else ""

    body = FIGURE_MARKER.sub(replace, article.body)
    rest = "".join(figure(n) for n in range(1, len(images) + 1) if n not in placed)
    return mark_safe(body + rest)  # body was sanitised on save; figures are escaped templates
