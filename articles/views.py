from urllib.parse import urlencode

from django.db.models import Prefetch
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe
from taggit.models import Tag

from . import search
from .counting import counts_as_view, record_view
from .models import Article, ArticleImage, Category
from .pagination import paginate

PER_PAGE = 20


@require_safe
def home(request):
    published = Article.objects.published()
    sections = [
        (
            category,
            published.filter(category_id__in=category.descendant_ids()).for_listing()[:6],
        )
        for category in Category.objects.visible().top_level()
    ]
    return render(
        request,
        "articles/home.html",
        {
            "latest": published.for_listing()[:8],
            "sections": sections,
            "most_viewed": published.most_viewed()[:8],
        },
    )


@require_safe
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


@require_safe
def article_detail(request, pk, slug=None):
    previewing = request.user.is_authenticated and request.user.is_staff
    articles = Article.objects.all() if previewing else Article.objects.published()
    article = get_object_or_404(
        articles.select_related("category", "author", "views").prefetch_related(
            "tags", Prefetch("images", queryset=ArticleImage.objects.all())
        ),
        pk=pk,
    )
    if slug != article.slug:
        return redirect(article, permanent=True)
    counted = counts_as_view(request)
    if counted:
        record_view(article.pk)
    previous, following = article.neighbours()
    return render(
        request,
        "articles/article_detail.html",
        {
            "article": article,
            "view_count": article.view_count + counted,
            "breadcrumb": article.category.ancestors_and_self(),
            "previous": previous,
            "next": following,
            "related": article.related(),
            "is_preview": not article.is_published,
        },
    )


@require_safe
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = Article.objects.published().filter(tags=tag).for_listing()
    return render(
        request,
        "articles/tag_detail.html",
        {"tag": tag, "page_obj": paginate(request, articles, PER_PAGE)},
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
        (
            article,
            search.highlight(article.title, query),
            search.snippet(article.body_text, query),
        )
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
