"""Search entries keyed by publish time, so "the newest matches" follows publish time, not ids.

The table is rebuilt (its row id becomes the article's search key, with the article's
id in a column of its own) and every article is indexed again.
"""

from django.db import migrations, models

from articles.models.articles import plain_text
from articles.search.index import rebuild_index

SQLITE = [
    "DROP TABLE articles_search",
    "CREATE VIRTUAL TABLE articles_search USING fts5(title, body, article_id UNINDEXED, "
    "tokenize = 'unicode61 remove_diacritics 0', prefix = '1')",
]
POSTGRESQL = [
    "DROP TABLE articles_search",
    """
    CREATE TABLE articles_search (
        rowid bigint PRIMARY KEY,  -- the article's search key (articles/search/index.py)
        article_id bigint NOT NULL UNIQUE,
        title text NOT NULL DEFAULT '',
        body text NOT NULL DEFAULT '',
        document tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')
        ) STORED
    )
    """,
    "CREATE INDEX articles_search_document ON articles_search USING gin (document)",
]


def rebuild(apps, schema_editor):
    statements = POSTGRESQL if schema_editor.connection.vendor == "postgresql" else SQLITE
    for statement in statements:
        schema_editor.execute(statement)
    articles = apps.get_model("articles", "Article").objects.order_by("pk")
    rebuild_index(articles, body_text=lambda article: plain_text(article.body))


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_roles")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_key",
            field=models.BigIntegerField(editable=False, null=True, unique=True),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="SearchEntry"),
                migrations.CreateModel(
                    name="SearchEntry",
                    fields=[
                        ("key", models.BigIntegerField(db_column="rowid", primary_key=True, serialize=False)),
                        ("title", models.TextField()),
                        ("body", models.TextField()),
                        (
                            "article",
                            models.OneToOneField(
                                db_constraint=False,
                                on_delete=models.deletion.DO_NOTHING,
                                related_name="search_entry",
                                to="articles.article",
                            ),
                        ),
                    ],
                    options={"db_table": "articles_search"},
                ),
            ],
        ),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
