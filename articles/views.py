import base64
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from taggit.models import Tag

from . import search
from .delivery.audience import is_editorial
from .delivery.category_tree import category_tree
from .delivery.counting import VIEW_COUNT_SLOT, ViewCounter, count_and_show_views
from .delivery.pages import cached_page
from .delivery.paging import CappedPaginator, CategoryPaginator
from .models import Article, ArticleFlag, Category, FormerSlug, article_pages, listing_pages
from .seo.robots import noindex
from .workflow import share

PER_PAGE = 20
SECTION_SIZE = 6  # articles under each top-level category on the home page
TRANSPARENT_GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def paginate(request, paginator):
    """The page named by ?page= (1 if absent); a malformed or out-of-range number is a 404."""
    number = request.GET.get("page") or 1
    try:
        return paginator.page(number)
    except InvalidPage:
        raise Http404(_("There is no page %(number)s.") % {"number": str(number)[:20]}) from None


def newest_by_section(size):
    """[(top-level category, its newest ``size`` articles, subcategories' included)], in one query."""
    tree = category_tree()
    sections = tree.sections()
    section_of = {pk: section for section in sections for pk in tree.descendant_ids(section)}
    shelves = {section.pk: [] for section in sections}
    for article in listing_pages.newest_in_categories(section_of, size):
        shelf = shelves[section_of[article.category_id].pk]
        if len(shelf) < size:
            shelf.append(article)
    return [(section, shelves[section.pk]) for section in sections]


@require_safe
@cached_page(lifetime="NEWSROOM_POPULAR_SECONDS")  # it shows the most-viewed lists
def home(request):
    Kind = ArticleFlag.Kind
    context = {
        "headline": article_pages.first(listing_pages.placed(Kind.HEADLINE, count=1)),
        "recommended": listing_pages.placed(Kind.RECOMMENDED, count=6),
        "latest": listing_pages.latest(8),
        "sections": newest_by_section(SECTION_SIZE),
    }
    return render(request, "articles/home.html", context)


@require_safe
@cached_page(lifetime="NEWSROOM_POPULAR_SECONDS")
def category_detail(request, slug):
    categories = category_tree()
    category = categories.by_slug.get(slug)
    if category is None:
        return redirect(former_slug_owner(FormerSlug.Kind.CATEGORY, Category, slug), permanent=True)
    tree = categories.descendant_ids(category)
    pinned = listing_pages.placed(ArticleFlag.Kind.PINNED, tree)
    articles = listing_pages.CategoryListing(tree, [article.pk for article in pinned])
    return render(
        request,
        "articles/category_detail.html",
        {
            "category": category,
            "tree": tree,
            "breadcrumb": category.ancestors_and_self(),
            "subcategories": [child for child in categories.children_of(category) if child.is_visible],
            "page_obj": paginate(request, CategoryPaginator(articles, PER_PAGE)),
            "pinned": pinned,
        },
    )


def former_slug_owner(kind, model, slug):
    """The category or tag that had ``slug`` before it changed (its old address 301s), or 404."""
    former = FormerSlug.objects.filter(kind=kind, slug=slug).values_list("object_id", flat=True).first()
    return get_object_or_404(model, pk=former or 0)


def _readable_article(request, pk):
    """The article a request may see: published ones, and any for staff who may view articles (preview)."""
    if is_editorial(request) and request.user.has_perm("articles.view_article"):
        article = get_object_or_404(article_pages.readers_article(Article.objects.all(), pk))
        return article_pages.with_tags_and_figures(article)
    article = article_pages.article_for_readers(pk)
    if article is None:
        raise Http404("No Article matches the given query.")
    return article


@require_safe
@cached_page(finish=count_and_show_views)
def article_detail(request, pk, slug=None):
    """Cached whole for readers; the view count is filled in fresh on every response."""
    article = _readable_article(request, pk)
    if slug != article.slug:
        return redirect(article, permanent=True)
    context = {
        "article": article,
        "view_count": VIEW_COUNT_SLOT,
        "via_beacon": bool(settings.NEWSROOM_PROXY_CACHE_SECONDS),
        "is_preview": not article.is_published,
    }
    response = render(request, "articles/article_detail.html", context)
    return noindex(response) if context["is_preview"] else response


@never_cache
@require_safe
def article_beacon(request, pk):
    """Behind a caching proxy the page is not counted itself: this uncached 1×1 image is.

    Only then: while pages count themselves, a beacon would be a second way to count.
    """
    if not settings.NEWSROOM_PROXY_CACHE_SECONDS:
        raise Http404("Views are counted by the page itself.")
    article = get_object_or_404(Article.objects.published().only("pk"), pk=pk)
    response = HttpResponse(TRANSPARENT_GIF, content_type="image/gif")
    return ViewCounter(request, article.pk, beacon=True).finish(response)


@never_cache
@require_safe
def shared_preview(request, token):
    """A reviewer's signed link to an unpublished article: read-only, never cached, never counted."""
    article = share.article_for_token(token)
    if article is None:
        raise Http404(_("This preview link has expired, or the article has been published."))
    return noindex(render(request, "articles/article_detail.html", share.preview_context(article)))


@require_safe
@cached_page
def tag_detail(request, slug):
    tag = listing_pages.with_usage(Tag.objects.filter(slug=slug)).first()
    if tag is None:
        owner = former_slug_owner(FormerSlug.Kind.TAG, Tag, slug)
        return redirect("articles:tag", slug=owner.slug, permanent=True)
    tagged = listing_pages.tag_listing(tag)
    page_obj = paginate(request, CappedPaginator(tagged, PER_PAGE))
    if not page_obj.paginator.count:  # a tag only drafts carry (or spam cleaned away) is not a page
        raise Http404(_("No published article carries this tag."))
    return render(request, "articles/tag_detail.html", {"tag": tag, "page_obj": page_obj})


@require_safe
@cached_page
def search_results(request):
    order = request.GET.get("order", search.ORDER_RELEVANCE)
    if order not in {search.ORDER_RELEVANCE, search.ORDER_DATE}:
        return HttpResponseBadRequest("Unknown order.")
    query = search.parse(request.GET.get("q", ""))
    results = search.search_articles(Article.objects.published().categories_from_tree(), query, order)
    page_obj = paginate(request, Paginator(results, PER_PAGE)) if query else None
    hits = [
        (article, search.highlight(article.title, query), search.snippet(article.body_text, query))
        for article in (page_obj or [])
    ]
    response = render(
        request,
        "articles/search.html",
        {
            "query": query,
            "order": order,
            "page_obj": page_obj,
            "hits": hits,
            "pagination_query": urlencode({"q": query.text, "order": order}),
            "truncated": getattr(results, "truncated", False),
        },
    )
    return noindex(response)
