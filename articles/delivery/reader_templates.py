"""The Jinja2 environment readers' pages are rendered with (templates/jinja2/).

Readers' pages are Jinja2 templates, the admin stays on Django's own: an uncached page
spent about 3 ms of its 5 in Django's template engine (a context lookup, an escape and
a lazy-string check per variable, a context push per include and loop), and Jinja2
compiles the same templates to Python functions. Both engines are Django's own backends.

What the templates may call is listed in ``environment()``: Django's static(),
gettext and filters, and the helpers below, each with one job and each escaping what
it writes.
"""

import jinja2
from django.conf import settings
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.encoding import escape_uri_path, iri_to_uri
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, gettext_lazy, ngettext

from ..images import figures
from ..images.pictures import picture_html
from ..models import listing_pages
from ..seo import site_url, structured_data
from .category_tree import category_tree
from .links import link

POPULAR_PERIODS = [
    (gettext_lazy("24 hours"), 1),
    (gettext_lazy("7 days"), 7),
    (gettext_lazy("All time"), None),
]


def environment(**options):
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals.update(
        absolute_url=site_url.absolute,
        article_body=article_body,
        article_structured_data=article_structured_data,
        canonical_url=canonical_url,
        category_nav=category_nav,
        get_language=get_language,
        lang_attribute=lang_attribute,
        language_links=language_links,
        language_versions=language_versions,
        link=link,
        picture=picture_html,
        popular_lists=popular_lists,
        share_image=share_image,
        static=static,
    )
    env.filters.update(date=local_date, iso=iso, truncatechars=defaultfilters.truncatechars)
    return env


def local_date(value, format_string):
    """Django's ``date`` filter, in the current time zone as Django's templates show times."""
    return defaultfilters.date(timezone.template_localtime(value), format_string)


def iso(value):
    """A time as HTML's datetime attribute and OpenGraph want it: local, to the second."""
    return timezone.localtime(value).replace(microsecond=0).isoformat() if value else ""


def lang_attribute(text):
    """` lang="en"` for English text on a Chinese page (and the reverse), so screen readers
    read it in the right voice; nothing when the text is in the page's own language."""
    has_cjk = any("\u3400" <= ch <= "\u9fff" for ch in text or "")
    language = (
        "zh-Hans" if has_cjk else "en" if any(ch.isascii() and ch.isalpha() for ch in text or "") else ""
    )
    page = get_language() or settings.LANGUAGE_CODE
    if not language or page.lower().startswith(language[:2].lower()):
        return ""
    return mark_safe(f' lang="{language}"')  # one of two fixed values


def article_structured_data(article):
    """JSON-LD for an article page: NewsArticle and BreadcrumbList (seo/structured_data.py)."""
    return structured_data.json_ld(structured_data.news_article(article)) + structured_data.json_ld(
        structured_data.breadcrumbs(article)
    )


def share_image(article):
    """The image share cards show: the cover, else the first figure (its absolute URL, width, height)."""
    images = structured_data.article_images(article)
    return images[0] if images else None


def article_body(article):
    """The sanitised body, each figure the library image's <picture> (images/figures.py)."""
    return figures.render(article.body, {figure.image_id: figure.image for figure in article.figures.all()})


def canonical_url(request):
    """This page's address on SITE_URL: its path, and the page number past the first."""
    page = request.GET.get("page", "")
    query = f"?page={page}" if page.isdigit() and int(page) > 1 else ""
    return site_url.absolute(escape_uri_path(request.path) + query)


def language_versions(request):
    """[(hreflang, absolute url)] of this page in each language, and x-default (the default language)."""
    urls = [site_url.absolute(path) for path in translated_paths(request)]
    default = urls[[code for code, _name in settings.LANGUAGES].index(settings.LANGUAGE_CODE)]
    return [
        *((code, url) for (code, _name), url in zip(settings.LANGUAGES, urls, strict=True)),
        ("x-default", default),
    ]


def language_links(request):
    """[(code, name, url, is_current)] for switching the page's language by link, no form or cookie."""
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    query = iri_to_uri(request.META.get("QUERY_STRING", ""))  # as get_full_path() gives it
    return [
        (code, name, path + (f"?{query}" if query else ""), code == current)
        for (code, name), path in zip(settings.LANGUAGES, translated_paths(request), strict=True)
    ]


def translated_paths(request):
    """This page's path in each of settings.LANGUAGES, worked out once per request (the
    head's hreflang links and the footer's language links both need them).

    From the route the request already matched, through the remembered links, as
    translate_url() would give them without resolving the path again (0.1 ms a language)."""
    if not hasattr(request, "translated_paths"):
        match = request.resolver_match
        if match is None or match.url_name is None or match.args:  # an error page, say
            paths = [translate_url(request.path, code) for code, _name in settings.LANGUAGES]
        else:
            paths = []
            for code, _name in settings.LANGUAGES:
                with translation.override(code):
                    paths.append(link(match.view_name, **match.kwargs))
        request.translated_paths = paths
    return request.translated_paths


@jinja2.pass_context
def category_nav(context):
    """The menu, rendered once per language for each copy of the category tree: every
    process renders the same menu for the same menu version, so none need share it."""
    tree, language = category_tree(), get_language()
    html = tree.rendered_menus.get(language)
    if html is None:
        template = context.environment.get_template("includes/category_nav.html")
        html = tree.rendered_menus[language] = mark_safe(template.render(categories=tree.sections()))
    return html  # rendered by our template, escaped there


def popular_lists(category_ids=None, size=5):
    """[(label, articles)]: most viewed in the last 24 hours, 7 days and all time, site-wide
    or within a category tree (``category_ids``: the page's Category.descendant_ids())."""
    return [(label, listing_pages.most_viewed(days, category_ids, size)) for label, days in POPULAR_PERIODS]
