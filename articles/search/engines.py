"""The two engines behind one search: SQLite FTS5 and PostgreSQL tsvector/GIN.

Both index the same token text (tokens.index_text), so both find the same articles.
"""

from django.db import connection
from django.db.models import FloatField, Lookup, TextField
from django.db.models.expressions import RawSQL

TITLE_WEIGHT, BODY_WEIGHT = 10.0, 1.0


def _fts5_phrase(term):
    phrase = '"' + " ".join(term.tokens) + '"'
    return phrase + " *" if term.prefix else phrase


def _tsquery_phrase(term):
    parts = [
        f"'{token}'" for token in term.tokens
    ]  # tokens are letters and digits only
    if term.prefix:
        parts[-1] += ":*"
    return " <-> ".join(parts)


def match_expression(query):
    if connection.vendor == "postgresql":
        expression = " & ".join(f"({_tsquery_phrase(t)})" for t in query.include)
        return expression + "".join(
            f" & !({_tsquery_phrase(t)})" for t in query.exclude
        )
    expression = "(" + " AND ".join(_fts5_phrase(t) for t in query.include) + ")"
    return expression + "".join(f" NOT {_fts5_phrase(t)}" for t in query.exclude)


class Matches(Lookup):
    """``search_entry__title__matches=<engine expression>``: a full-text match of the whole entry.

    Whichever column it is written on, it matches the entry's whole document (title and body).
    """

    lookup_name = "matches"

    def as_sql(self, compiler, connection):
        raise NotImplementedError("Full-text search needs SQLite or PostgreSQL.")

    def as_sqlite(self, compiler, connection):
        # FTS5 matches against the hidden column named after the table.
        _, params = self.process_rhs(compiler, connection)
        return f"{compiler.quote_name_unless_alias(self.lhs.alias)} MATCH %s", params

    def as_postgresql(self, compiler, connection):
        _, params = self.process_rhs(compiler, connection)
        document = f'{compiler.quote_name_unless_alias(self.lhs.alias)}."document"'
        return f"{document} @@ to_tsquery('simple', %s)", params


class SearchTextField(TextField):
    """A column of the search table: token text (see tokens.index_text)."""


SearchTextField.register_lookup(Matches)


def rank(expression):
    """Higher is better on both engines; title matches weigh ten times body matches."""
    if connection.vendor == "postgresql":
        weights = (
            f"{{0, 0, {BODY_WEIGHT / TITLE_WEIGHT}, 1}}"  # D, C, B (body), A (title)
        )
        return RawSQL(
            f"ts_rank('{weights}', \"articles_search\".\"document\", to_tsquery('simple', %s))",
            (expression,),
            output_field=FloatField(),
        )
    return RawSQL(
        f'-bm25("articles_search", {TITLE_WEIGHT}, {BODY_WEIGHT})',
        (),
        output_field=FloatField(),
    )
