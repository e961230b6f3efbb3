"""The two engines behind one search: SQLite FTS5 and PostgreSQL tsvector/GIN.

Both index the same token text (tokens.index_text), so both find the same articles.
Each answers two questions in SQL of its own: which entries match (a subquery of
search keys the ORM can filter on), and which match best (keys with scores, best
first). A search key orders by publish time (index.py), so "the newest matches"
is simply the highest row ids.
"""

from django.db import connection
from django.db.models.expressions import RawSQL

from .index import LONG_BODY_TOKEN

TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0
# Relevance is scored over the newest this many matches: a word in a fifth of a large
# archive would otherwise cost a score for every one of its articles (see README).
RECENT_CANDIDATES = 1000

# ts_rank weights are {D, C, B, A}; titles are A, bodies B.
_PG_WEIGHTS = f"{{0, 0, {BODY_WEIGHT / TITLE_WEIGHT}, 1}}"
_SQL = {
    "sqlite": {
        "matching": "SELECT rowid FROM articles_search WHERE articles_search MATCH %s",
        "ranked": (
            f"SELECT rowid, -bm25(articles_search, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score FROM articles_search "
            "WHERE articles_search MATCH %s AND rowid >= %s ORDER BY score DESC LIMIT %s"
        ),
        "cutoff": "SELECT rowid FROM articles_search WHERE articles_search MATCH %s ORDER BY rowid DESC LIMIT 1 OFFSET %s",
        "recent": "SELECT rowid, 0 FROM articles_search WHERE articles_search MATCH %s ORDER BY rowid DESC LIMIT %s",
    },
    "postgresql": {
        "matching": "SELECT rowid FROM articles_search WHERE document @@ to_tsquery('simple', %s)",
        "ranked": (
            f"SELECT rowid, ts_rank('{_PG_WEIGHTS}', document, query) AS score "
            "FROM articles_search, to_tsquery('simple', %s) AS query "
            "WHERE document @@ query AND rowid >= %s ORDER BY score DESC LIMIT %s"
        ),
        "cutoff": (
            "SELECT rowid FROM articles_search WHERE document @@ to_tsquery('simple', %s) "
            "ORDER BY rowid DESC LIMIT 1 OFFSET %s"
        ),
        "recent": (
            "SELECT rowid, 0 FROM articles_search WHERE document @@ to_tsquery('simple', %s) "
            "ORDER BY rowid DESC LIMIT %s"
        ),
    },
}


def _sql(name):
    try:
        return _SQL[connection.vendor][name]
    except KeyError:
        raise NotImplementedError("Full-text search needs SQLite or PostgreSQL.") from None


def _fts5_phrase(term):
    phrase = '"' + " ".join(term.tokens) + '"'
    return phrase + " *" if term.prefix else phrase


def _tsquery_phrase(term):
    parts = [f"'{token}'" for token in term.tokens]  # tokens are letters and digits only
    if term.prefix:
        parts[-1] += ":*"
    if len(parts) == 1:
        return parts[0]
    # In a body too long for tsvector's positions, all the words anywhere (index.py).
    return f"({' <-> '.join(parts)}) | ({' & '.join(parts)} & '{LONG_BODY_TOKEN}')"


def match_expression(query):
    """The query in the engine's own syntax; every token is quoted, so nothing typed is an operator."""
    if connection.vendor == "postgresql":
        expression = " & ".join(f"({_tsquery_phrase(t)})" for t in query.include)
        return expression + "".join(f" & !({_tsquery_phrase(t)})" for t in query.exclude)
    expression = "(" + " AND ".join(_fts5_phrase(t) for t in query.include) + ")"
    return expression + "".join(f" NOT {_fts5_phrase(t)}" for t in query.exclude)


def matching_keys(expression):
    """A subquery of every matching article's search key, for ``search_key__in=``."""
    return RawSQL(_sql("matching"), (expression,))


def ranked_keys(expression, limit, by_relevance=True):
    """[(search key, score)] of the best ``limit`` matches, best first.

    By relevance titles weigh ten times bodies. Otherwise the newest entries come first:
    cheap even when a term is in most articles, where relevance says little anyway.
    """
    with connection.cursor() as cursor:
        if not by_relevance:
            cursor.execute(_sql("recent"), (expression, limit))
            return cursor.fetchall()
        cursor.execute(_sql("cutoff"), (expression, RECENT_CANDIDATES - 1))
        oldest = cursor.fetchone()
        cursor.execute(_sql("ranked"), (expression, oldest[0] if oldest else -(2**62), limit))
        return cursor.fetchall()
