"""The two engines behind one search: SQLite FTS5 and PostgreSQL tsvector/GIN.

Both index the same token text (tokens.index_text), so both find the same articles.
Each answers two questions in SQL of its own: which entries match (a subquery of
search keys the ORM can filter on), and which match best (keys with scores, best
first). A search key orders by publish time (index.py), so "the newest matches"
is simply the highest row ids.
"""

from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from .index import ID_BITS, LONG_BODY_TOKEN

TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0
# Relevance is scored over the newest this many matches: a word in a fifth of a large
# archive would otherwise cost a score for every one of its articles (see README).
RECENT_CANDIDATES = 1000
# PostgreSQL: how many of the newest entries a lone character's search tests one by one
# before it asks the index (see "recent").
WALKED_ENTRIES = 2000

# ts_rank weights are {D, C, B, A}; titles are A, bodies B.
_PG_WEIGHTS = f"{{0, 0, {BODY_WEIGHT / TITLE_WEIGHT}, 1}}"


def _pg_ranked(check_window):
    """PostgreSQL's ranking query; parameters: window query, window size, query, limit."""
    check = "WHERE document @@ query " if check_window else ""
    return (
        f"SELECT rowid, ts_rank('{_PG_WEIGHTS}', document, query) AS score FROM ("
        "SELECT rowid, document FROM articles_search WHERE document @@ to_tsquery('simple', %s) "
        "ORDER BY rowid + 0 DESC LIMIT %s"
        f") AS recent, to_tsquery('simple', %s) AS query {check}ORDER BY score DESC LIMIT %s"
    )


_SQL = {
    "sqlite": {
        "matching": "SELECT rowid FROM articles_search WHERE articles_search MATCH %s",
        "ranked": (
            f"SELECT rowid, -bm25(articles_search, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score FROM articles_search "
            "WHERE articles_search MATCH %s AND rowid >= %s ORDER BY score DESC LIMIT %s"
        ),
        "cutoff": "SELECT rowid FROM articles_search WHERE articles_search MATCH %s ORDER BY rowid DESC LIMIT 1 OFFSET %s",
        "recent": "SELECT rowid, 0 FROM articles_search WHERE articles_search MATCH %s ORDER BY rowid DESC LIMIT %s",
        "earlier_in_hour": (
            "SELECT rowid, 0 FROM articles_search WHERE articles_search MATCH %s AND rowid >= %s AND rowid < %s"
        ),
    },
    "postgresql": {
        # A function with sequential scans off (migration 0016): see _index_plans.
        "matching": "SELECT articles_search_matching(to_tsquery('simple', %s))",
        # One query: the newest RECENT_CANDIDATES matches come from the GIN index's
        # bitmap ("rowid + 0" keeps the planner from walking the keys newest first instead,
        # testing each entry's TOASTed tsvector: 10x slower for a word in a tenth of the
        # archive); only those are read and ranked.
        "ranked": _pg_ranked(check_window=False),
        # The same with the window found by a looser query (window_expression): each
        # candidate is then checked against the exact one.
        "ranked_in_window": _pg_ranked(check_window=True),
        # A lone character's prefix query expands to thousands of bigrams (中 to 中国, 中心 …),
        # so the index's bitmap is slow for a common one (0.4 s for 中); it is then found
        # sooner by testing the newest entries one by one, up to WALKED_ENTRIES of them.
        "recent": (
            "SELECT rowid, 0 FROM (SELECT rowid, document FROM articles_search ORDER BY rowid DESC LIMIT %s) "
            "AS newest WHERE document @@ to_tsquery('simple', %s) ORDER BY rowid DESC LIMIT %s"
        ),
        "recent_from_bitmap": (
            "SELECT rowid, 0 FROM articles_search WHERE document @@ to_tsquery('simple', %s) "
            "ORDER BY rowid + 0 DESC LIMIT %s"
        ),
        "earlier_in_hour": (
            "SELECT rowid, 0 FROM articles_search WHERE document @@ to_tsquery('simple', %s) "
            "AND rowid >= %s AND rowid < %s"
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


def window_expression(query):
    """PostgreSQL finds the relevance window with a looser query that its index answers
    alone: each term's tokens anywhere, and only exclusions of single tokens. Checking a
    phrase (``<->``) means reading each candidate's stored tsvector, the costly part.
    None when no term is a phrase: the query itself is as loose."""
    if all(len(term.tokens) == 1 for term in (*query.include, *query.exclude)):
        return None
    parts = []
    for term in query.include:
        tokens = [f"'{token}'" for token in term.tokens]
        if term.prefix:
            tokens[-1] += ":*"
        parts.extend(tokens)
    parts.extend(f"!{_tsquery_phrase(t)}" for t in query.exclude if len(t.tokens) == 1)
    return " & ".join(parts)


def matching_keys(expression):
    """A subquery of every matching article's search key, for ``search_key__in=``."""
    return RawSQL(_sql("matching"), (expression,))


def ranked_keys(query, limit, by_relevance=True):
    """[(search key, score)] of the best ``limit`` matches of ``query`` (a ParsedQuery), best first.

    By relevance titles weigh ten times bodies. Otherwise the newest entries come first:
    cheap even when a term is in most articles, where relevance says little anyway.
    """
    expression = match_expression(query)
    with connection.cursor() as cursor, _index_plans(cursor):
        if not by_relevance:
            return _newest(cursor, query, expression, limit)
        if connection.vendor == "postgresql":
            return _ranked_on_postgresql(cursor, query, expression, limit)
        cursor.execute(_sql("cutoff"), (expression, RECENT_CANDIDATES - 1))
        oldest = cursor.fetchone()
        cursor.execute(_sql("ranked"), (expression, oldest[0] if oldest else -(2**62), limit))
        return cursor.fetchall()


@contextmanager
def _index_plans(cursor):
    """PostgreSQL: no sequential scans in a search. The planner does not count reading
    each entry's TOASTed tsvector, so with the narrow rows of migration 0015 it would
    test every entry of the table (0.8 s at 100,000 articles) rather than ask the GIN
    index. SET LOCAL lasts until the savepoint is released, or undone with it."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield
        cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")


def _newest(cursor, query, expression, limit):
    """At least the newest ``limit`` matches by publish time, with a score of 0. Keys order
    by publish hour, then by id, so the oldest hour's other matches are added: within
    it an article published later may hold a lower key."""
    if connection.vendor != "postgresql":
        cursor.execute(_sql("recent"), (expression, limit))
        rows = cursor.fetchall()
    else:
        rows = []
        if query.single_characters_only:
            cursor.execute(_sql("recent"), (WALKED_ENTRIES, expression, limit))
            rows = cursor.fetchall()
        if len(rows) < limit:
            cursor.execute(_sql("recent_from_bitmap"), (expression, limit))
            rows = cursor.fetchall()
    if len(rows) == limit:
        oldest = rows[-1][0]
        cursor.execute(_sql("earlier_in_hour"), (expression, oldest >> ID_BITS << ID_BITS, oldest))
        rows += cursor.fetchall()
    return rows


def _ranked_on_postgresql(cursor, query, expression, limit):
    """A phrase's window is the newest RECENT_CANDIDATES entries holding all its words,
    nearly all of them matches in news text (社会主义: 5,131 of 5,142). When fewer than
    ``limit`` of them match, the looser query was a poor stand-in (words common apart,
    the phrase rare) and the window is found again with the exact query, which checks
    every candidate's tsvector: slower, but then there are few candidates to check."""
    window = window_expression(query)
    if window:
        cursor.execute(_sql("ranked_in_window"), (window, RECENT_CANDIDATES, expression, limit))
        rows = cursor.fetchall()
        if len(rows) == limit:
            return rows
    cursor.execute(_sql("ranked"), (expression, RECENT_CANDIDATES, expression, limit))
    return cursor.fetchall()
