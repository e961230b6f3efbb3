"""Full-text search of articles for Chinese and English, on SQLite FTS5 or PostgreSQL.

results = search_articles(Article.objects.published(), parse(request.GET["q"]))
"""

from .engines import match_expression, matching_keys
from .highlight import highlight, snippet
from .index import index_article, index_new_articles, rebuild_index, unindex_article
from .query import ParsedQuery, parse
from .results import RankedResults

ORDER_RELEVANCE, ORDER_DATE = "relevance", "date"


def search_articles(articles, query, order=ORDER_RELEVANCE):
    """The matches of ``query`` (a ParsedQuery) among ``articles``: best first, or newest first.

    Either way the result can be paged with Django's Paginator.
    """
    if not query:
        return articles.none()
    return RankedResults(articles, query, by_date=order == ORDER_DATE)


def filter_matching(articles, query):
    """``articles`` narrowed to the matches of ``query``, as a queryset (for the admin)."""
    return articles.filter(search_key__in=matching_keys(match_expression(query))) if query else articles


__all__ = [
    "ORDER_DATE",
    "ORDER_RELEVANCE",
    "ParsedQuery",
    "filter_matching",
    "highlight",
    "index_new_articles",
    "index_article",
    "parse",
    "rebuild_index",
    "search_articles",
    "snippet",
    "unindex_article",
]
