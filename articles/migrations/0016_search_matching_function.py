"""PostgreSQL: the set of matching search keys from the GIN index, never a sequential scan.

With narrow search rows (0015) the planner, which does not count reading each entry's
TOASTed tsvector, chose to test every entry for the admin's archive search: about 1 s
at 100,000 articles whatever the word. A function's own SET clause keeps its query on
the index: 15-25 ms for a word in a few hundred articles (a word in 22,000 still takes
0.35 s, the admin counting and sorting all of them). The readers' search sets the same
in a savepoint (engines.py).
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION articles_search_matching(query tsquery) RETURNS SETOF bigint
LANGUAGE sql STABLE PARALLEL SAFE SET enable_seqscan = off
AS 'SELECT rowid FROM articles_search WHERE document @@ query'
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS articles_search_matching(tsquery)")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_narrow_search_rows"),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
