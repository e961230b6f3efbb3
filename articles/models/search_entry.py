from django.db import models


class SearchEntry(models.Model):
    """An article's search text, pre-tokenised (CJK as overlapping bigrams; see articles/search/).

    Migration 0002 creates the table to suit the database: an FTS5 table on SQLite,
    a table with a generated, GIN-indexed tsvector on PostgreSQL. Django knows it
    as an ordinary table, so flush and cascading deletes include it.
    """

    article = models.OneToOneField(
        "articles.Article",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_entry",
        db_column="rowid",
        db_constraint=False,
    )
    title = models.TextField()
    body = models.TextField()

    class Meta:
        db_table = "articles_search"

    def __str__(self):
        return self.title
