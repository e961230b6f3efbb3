from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ..delivery.category_tree import category_tree
from ..delivery.links import link
from ..images import figures
from ..images.pictures import picture_html
from ..models import listing_pages
from ..seo import site_url, structured_data

register = template.Library()

POPULAR_PERIODS = [(_("24 hours"), 1), (_("7 days"), 7), (_("All time"), None)]


@register.simple_tag(name="link")
def link_tag(viewname, **kwargs):
    """``{% url %}`` for reader pages, remembered (delivery/links.py): ``{% link "articles:tag" slug=tag.slug %}``."""
    return link(viewname, **kwargs)


@register.simple_tag
def absolute_url(path):
    """``path`` on the configured SITE_URL (never the request's Host: the page is cached)."""
    return site_url.absolute(path)


@register.simple_tag(takes_context=True)
def lang_attribute(context, text):
    """` lang="en"` for English text on a Chinese page (and the reverse), so screen readers
    read it in the right voice; nothing when the text is in the page's own language."""
    has_cjk = any("\u3400" <= ch <= "\u9fff" for ch in text or "")
    language = (
        "zh-Hans" if has_cjk else "en" if any(ch.isascii() and ch.isalpha() for ch in text or "") else ""
    )
    page = context.get("LANGUAGE_CODE", settings.LANGUAGE_CODE)
    if not language or page.lower().startswith(language[:2].lower()):
        return ""
    return mark_safe(f' lang="{language}"')  # one of two fixed values


@register.filter
def iso(value):
    """A time as HTML's datetime attribute and OpenGraph want it: local, to the second."""
    return timezone.localtime(value).replace(microsecond=0).isoformat() if value else ""


@register.simple_tag
def article_structured_data(article):
    """JSON-LD for an article page: NewsArticle and BreadcrumbList (seo/structured_data.py)."""
    return structured_data.json_ld(structured_data.news_article(article)) + structured_data.json_ld(
        structured_data.breadcrumbs(article)
    )


@register.simple_tag
def share_image(article):
    """The image share cards show: the cover, else the first figure (its absolute URL, width, height)."""
    images = structured_data.article_images(article)
    return images[0] if images else None


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """This page's address on SITE_URL: its path, and the page number past the first."""
    request = context["request"]
    page = request.GET.get("page", "")
    query = f"?page={page}" if page.isdigit() and int(page) > 1 else ""
    return site_url.absolute(escape_uri_path(request.path) + query)


@register.simple_tag(takes_context=True)
def language_versions(context):
    """[(hreflang, absolute url)] of this page in each language, and x-default (the default language)."""
    urls = [site_url.absolute(path) for path in translated_paths(context["request"])]
    default = urls[[code for code, _name in settings.LANGUAGES].index(settings.LANGUAGE_CODE)]
    return [
        *((code, url) for (code, _name), url in zip(settings.LANGUAGES, urls, strict=True)),
        ("x-default", default),
    ]


@register.inclusion_tag("includes/category_nav.html")
def category_nav():
    return {"categories": category_tree().sections()}


@register.inclusion_tag("includes/popular.html")
def popular_lists(category_ids=None, size=5):
    """Most viewed in the last 24 hours, 7 days and all time, site-wide or within a category
    tree (``category_ids``: the page's Category.descendant_ids())."""
    return {
        "periods": [
            (label, listing_pages.most_viewed(days, category_ids, size)) for label, days in POPULAR_PERIODS
        ]
    }


@register.simple_tag(takes_context=True)
def language_links(context):
    """[(code, name, url, is_current)] for switching the page's language by link, no form or cookie."""
    request = context["request"]
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    query = iri_to_uri(request.META.get("QUERY_STRING", ""))  # as get_full_path() gives it
    return [
        (code, name, path + (f"?{query}" if query else ""), code == current)
        for (code, name), path in zip(settings.LANGUAGES, translated_paths(request), strict=True)
    ]


def translated_paths(request):
    """This page's path in each of settings.LANGUAGES, worked out once per request (the
    head's hreflang links and the footer's language links both need them)."""
    if not hasattr(request, "translated_paths"):
        request.translated_paths = [translate_url(request.path, code) for code, _name in settings.LANGUAGES]
    return request.translated_paths


@register.simple_tag
def article_body(article):
    """The sanitised body, each figure the library image's <picture> (images/figures.py)."""
    return figures.render(article.body, {figure.image_id: figure.image for figure in article.figures.all()})


@register.simple_tag
def picture(fieldfile, renditions, alt="", sizes="100vw", lazy=True, css_class=""):
    """<picture> with WebP and original-format srcsets, width and height, lazy below the fold."""
    return picture_html(fieldfile, renditions, alt, sizes, lazy, css_class)
