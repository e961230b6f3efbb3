import base64
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from taggit.models import Tag

from . import search
from .caching import cached_page, page_cache_key, proxy_cacheable
from .counting import ViewCounter
from .counting import buffer as view_buffer
from .models import Article, Category
from .pagination import paginate

PER_PAGE = 20
VIEW_COUNT_SLOT = b"__NEWSROOM_VIEW_COUNT__"  # filled in per request, so cached pages show live counts
TRANSPARENT_GIF = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


@require_safe
@cached_page
def home(request):
    published = Article.objects.published()
    children = Category.objects.children_by_parent()
    sections = [
        (category, published.in_categories(category.descendant_ids(children)).for_listing()[:6])
        for category in Category.objects.visible().top_level()
    ]
    return render(
        request, "articles/home.html", {"latest": published.for_listing()[:8], "sections": sections}
    )


@require_safe
@cached_page
def category_detail(request, slug):
    category = get_object_or_404(Category, slug=slug)
    articles = Article.objects.published().in_categories(category.descendant_ids()).for_listing()
    return render(
        request,
        "articles/category_detail.html",
        {
            "category": category,
            "breadcrumb": category.ancestors_and_self(),
            "subcategories": category.children.visible(),
            "page_obj": paginate(request, articles, PER_PAGE),
        },
    )


def _readable_article(request, pk):
    """The article a request may see: published ones, and any for staff (preview)."""
    previewing = request.user.is_authenticated and request.user.is_staff
    articles = Article.objects.all() if previewing else Article.objects.published()
    return get_object_or_404(articles.select_related("category", "author"), pk=pk)


@require_safe
def article_detail(request, pk, slug=None):
    """Served whole from the cache for readers; only the view count is filled in fresh."""
    key = page_cache_key(request)
    html = caches["pages"].get(key) if key else None
    if html is None:
        article = _readable_article(request, pk)
        if slug != article.slug:
            return redirect(article, permanent=True)
        context = {
            "article": article,
            "view_count": VIEW_COUNT_SLOT.decode(),
            "via_beacon": bool(settings.NEWSROOM_PROXY_CACHE_SECONDS),
            "is_preview": not article.is_published,
        }
        html = render(request, "articles/article_detail.html", context).content
        if key:
            caches["pages"].set(key, html, settings.NEWSROOM_PAGE_CACHE_SECONDS)
    counter = None if settings.NEWSROOM_PROXY_CACHE_SECONDS else ViewCounter(request, pk)
    response = HttpResponse(html.replace(VIEW_COUNT_SLOT, str(view_buffer.total(pk)).encode(), 1))
    return proxy_cacheable(request, counter.finish(response) if counter else response)


@never_cache
@require_safe
def article_beacon(request, pk):
    """Behind a caching proxy the page is not counted itself: this uncached 1×1 image is."""
    article = get_object_or_404(Article.objects.published().only("pk"), pk=pk)
    response = HttpResponse(TRANSPARENT_GIF, content_type="image/gif")
    return ViewCounter(request, article.pk).finish(response)


@require_safe
@cached_page
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(tags=tag).for_listing()
    return render(
        request, "articles/tag_detail.html", {"tag": tag, "page_obj": paginate(request, articles, PER_PAGE)}
    )


@require_safe
def search_results(request):
    order = request.GET.get("order", search.ORDER_RELEVANCE)
    if order not in {search.ORDER_RELEVANCE, search.ORDER_DATE}:
        return HttpResponseBadRequest("Unknown order.")
    query = search.parse(request.GET.get("q", ""))
    results = search.search_articles(Article.objects.published().select_related("category"), query, order)
    page_obj = paginate(request, results, PER_PAGE) if query else None
    hits = [
        (article, search.highlight(article.title, query), search.snippet(article.body_text, query))
        for article in (page_obj or [])
    ]
    return render(
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
