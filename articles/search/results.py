"""Search results as a sequence Django's Paginator can page through."""

import json

from django.db.models import F
from django.db.models.lookups import In

from . import tantivy_engine
from .engines import ranked_keys

# Relevance order lists at most this many, date order the newest this many; past that
# the page suggests narrowing the search (a common word matches most of an archive).
RANKED_LIMIT = 200
DATED_LIMIT = 1000


class _KeyIn(In):
    """``search_key IN (…)`` sent as one parameter, an array to PostgreSQL and JSON to
    SQLite: a placeholder per key made Django's preparation and the drivers' binding
    cost more than the lookup itself."""

    def as_postgresql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", (*params, list(self.rhs))

    def as_sqlite(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} IN (SELECT value FROM json_each(%s))", (*params, json.dumps(list(self.rhs)))


class RankedResults:
    """The visible articles among the best matches, best first, newer first among equals;
    or, ``by_date``, the newest matches.

    A query of single characters only (中, 港) matches most of a Chinese archive and
    ranks by recency instead: relevance says little there and would cost a full scan.
    """

    def __init__(self, articles, query, by_date=False):
        self.articles = articles
        self.query = query
        self.by_relevance = not (by_date or query.single_characters_only)
        self.limit = DATED_LIMIT if by_date else RANKED_LIMIT
        self._ids = None
        self.truncated = False

    def _ordered_ids(self):
        """The best ``limit`` visible matches. The index holds drafts too (staff search it),
        so the window widens until it holds more than ``limit`` visible ones or every
        match: otherwise the count and the "more" note would tell readers how many
        unpublished articles match."""
        if self._ids is None:
            window = self.limit + 1
            while True:
                if self.by_relevance and tantivy_engine.enabled():  # every match ranked
                    scored = tantivy_engine.ranked_keys(self.query, window)
                else:
                    scored = ranked_keys(self.query, window, self.by_relevance)
                scores = dict(scored)
                # Newest first from the database, then a stable sort by score: ties stay
                # newest first without loading a datetime per row (10 µs each on psycopg).
                visible = list(
                    self.articles.filter(_KeyIn(F("search_key"), list(scores)))
                    .order_by("-publish_at", "-pk")
                    .values_list("search_key", "pk")
                )
                if len(visible) > self.limit or len(scored) < window:
                    break
                window *= 4
            ordered = sorted(visible, key=lambda row: scores[row[0]], reverse=True)
            self.truncated = len(ordered) > self.limit
            self._ids = [pk for _, pk in ordered[: self.limit]]
        return self._ids

    def count(self):
        return len(self._ordered_ids())

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        ids = self._ordered_ids()[index]
        if not isinstance(index, slice):
            return self.articles.get(pk=ids)
        by_id = self.articles.in_bulk(ids)
        return [by_id[pk] for pk in ids if pk in by_id]
