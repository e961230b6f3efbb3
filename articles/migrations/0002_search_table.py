"""The search table behind SearchEntry, built for the database in use (see articles/search/)."""

import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    "CREATE VIRTUAL TABLE articles_search USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 0', prefix = '1')",
]
POSTGRESQL = [
    """
    CREATE TABLE articles_search (
        rowid bigint PRIMARY KEY,  -- the article's id; Django's cascade deletes the entry
        title text NOT NULL DEFAULT '',
        body text NOT NULL DEFAULT '',
        document tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')
        ) STORED
    )
    """,
    "CREATE INDEX articles_search_document ON articles_search USING gin (document)",
]


def create_search_table(apps, schema_editor):
    statements = POSTGRESQL if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)


def drop_search_table(apps, schema_editor):
    schema_editor.execute("DROP TABLE articles_search")


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(create_search_table, drop_search_table)],
            state_operations=[
                migrations.CreateModel(
                    name="SearchEntry",
                    fields=[
                        (
                            "article",
                            models.OneToOneField(
                                db_column="rowid",
                                db_constraint=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                primary_key=True,
                                related_name="search_entry",
                                serialize=False,
                                to="articles.article",
                            ),
                        ),
                        ("title", models.TextField()),
                        ("body", models.TextField()),
                    ],
                    options={"db_table": "articles_search"},
                ),
            ],
        )
    ]
