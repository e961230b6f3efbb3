"""The two engines behind one search: SQLite FTS5 and PostgreSQL tsvector/GIN.

Both index the same token text (tokens.index_text), so both find the same articles.
Each answers two questions in SQL of its own: which article ids match (a subquery
the ORM can filter on), and which match best (ids with scores, best first).
"""

from django.db import connection
from django.db.models.expressions import RawSQL

TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0
# Relevance is scored over the newest this many matches: a word in a fifth of a large
# archive would otherwise cost a score for every one of its articles (see README).
RECENT_CANDIDATES = 1000

# ts_rank weights are {D, C, B, A}; titles are A, bodies B.
_PG_WEIGHTS = f"{{0, 0, {BODY_WEIGHT / TITLE_WEIGHT}, 1}}"
# Candidates are joined to their articles so that "newest" means the latest publish time,
# not the highest id (an imported archive gets high ids for its oldest stories).
_JOIN = "JOIN articles_article AS article ON article.id = articles_search.rowid"
_SQL = {
    "sqlite": {
        "match": "articles_search MATCH %s",
        "score": f"-bm25(articles_search, {TITLE_WEIGHT}, {BODY_WEIGHT})",
    },
    "postgresql": {
        "match": "articles_search.document @@ to_tsquery('simple', %s)",
        "score": f"ts_rank('{_PG_WEIGHTS}', articles_search.document, to_tsquery('simple', %s))",
    },
}


def _sql(name):
    try:
        return _SQL[connection.vendor][name]
    except KeyError:
        raise NotImplementedError("Full-text search needs SQLite or PostgreSQL.") from None


def _newest_first(limit_sql):
    return (
        f"SELECT articles_search.rowid, article.publish_at FROM articles_search {_JOIN} "
        f"WHERE {_sql('match')} ORDER BY article.publish_at DESC, articles_search.rowid DESC {limit_sql}"
    )


def _fts5_phrase(term):
    phrase = '"' + " ".join(term.tokens) + '"'
    return phrase + " *" if term.prefix else phrase


def _tsquery_phrase(term):
    parts = [f"'{token}'" for token in term.tokens]  # tokens are letters and digits only
    if term.prefix:
        parts[-1] += ":*"
    return " <-> ".join(parts)


def match_expression(query):
    """The query in the engine's own syntax; every token is quoted, so nothing typed is an operator."""
    if connection.vendor == "postgresql":
        expression = " & ".join(f"({_tsquery_phrase(t)})" for t in query.include)
        return expression + "".join(f" & !({_tsquery_phrase(t)})" for t in query.exclude)
    expression = "(" + " AND ".join(_fts5_phrase(t) for t in query.include) + ")"
    return expression + "".join(f" NOT {_fts5_phrase(t)}" for t in query.exclude)


def matching_ids(expression):
    """A subquery of every matching article id, for ``pk__in=``."""
    return RawSQL(f"SELECT rowid FROM articles_search WHERE {_sql('match')}", (expression,))


def ranked_ids(expression, limit, by_relevance=True):
    """[(article id, score)] of the best ``limit`` matches, best first.

    By relevance titles weigh ten times bodies. Otherwise the newest entries come first:
    cheap even when a term is in most articles, where relevance says little anyway.
    """
    with connection.cursor() as cursor:
        if not by_relevance:
            cursor.execute(_newest_first("LIMIT %s"), (expression, limit))
            return [(pk, 0) for pk, _ in cursor.fetchall()]
        cursor.execute(_newest_first("LIMIT 1 OFFSET %s"), (expression, RECENT_CANDIDATES - 1))
        oldest = cursor.fetchone()
        score = _sql("score")
        params = (expression,) * (2 if "%s" in score else 1)
        since = ""
        if oldest:
            since, params = " AND article.publish_at >= %s", (*params, oldest[1])
        cursor.execute(
            f"SELECT articles_search.rowid, {score} AS score FROM articles_search {_JOIN} "
            f"WHERE {_sql('match')}{since} ORDER BY score DESC LIMIT %s",
            (*params, limit),
        )
        return cursor.fetchall()
