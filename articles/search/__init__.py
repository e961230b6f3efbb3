"""Full-text search of articles for Chinese and English, on SQLite FTS5 or PostgreSQL.

results = search_articles(Article.objects.published(), parse(request.GET["q"]))
"""

from .engines import match_expression, rank
from .highlight import highlight, snippet
from .index import index_article, rebuild_index
from .query import ParsedQuery, parse

ORDER_RELEVANCE, ORDER_DATE = "relevance", "date"


def search_articles(articles, query, order=ORDER_RELEVANCE):
    """``articles`` narrowed to the matches of ``query`` (a ParsedQuery), best or newest first."""
    if not query:
        return articles.none()
    expression = match_expression(query)
    matching = articles.filter(search_entry__title__matches=expression)
    if order == ORDER_DATE:
        return matching.order_by("-publish_at", "-pk")
    return matching.annotate(rank=rank(expression)).order_by(
        "-rank", "-publish_at", "-pk"
    )


__all__ = [
    "ORDER_DATE",
    "ORDER_RELEVANCE",
    "ParsedQuery",
    "highlight",
    "index_article",
    "parse",
    "rebuild_index",
    "search_articles",
    "snippet",
]
