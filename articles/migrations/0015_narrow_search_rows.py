"""PostgreSQL: keep the search table's rows narrow, their texts and tsvector out of line.

A search finds its newest candidates from the GIN index's bitmap, which visits each
matching row (engines.py). With the default TOAST target a row kept its body text
inline, about 1.6 kB, so 100,000 entries filled 160 MB of heap and a word in a tenth
of them meant reading most of it; with a 128-byte target the heap is 14 MB
(bench/search.py, People's Daily). The rewrite moves existing rows out of line.
"""

from django.db import migrations


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE articles_search SET (toast_tuple_target = 128)")
        schema_editor.execute("VACUUM FULL articles_search")  # not in a transaction: atomic = False


def widen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE articles_search RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("articles", "0014_scale_indexes"),
    ]

    operations = [
        migrations.RunPython(narrow, widen, elidable=False),
    ]
