from django.db import models


class SearchEntry(models.Model):
    """An article's search text, pre-tokenised (CJK as overlapping bigrams; see articles/search/).

    Migration 0002 (rebuilt by 0006) creates the table to suit the database: an FTS5
    table on SQLite, a table with a generated, GIN-indexed tsvector on PostgreSQL.
    Its row id is the article's ``search_key``, which orders by publish time, so "the
    newest matches" is a range of row ids that the engine reads without a join.
    Django knows it as an ordinary table, so flush includes it; entries are deleted
    with their article by a signal (by row id: FTS5 cannot look up ``article_id``).
    """

    key = models.BigIntegerField(primary_key=True, db_column="rowid")
    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.DO_NOTHING,
        related_name="search_entry",
        db_constraint=False,
    )
    title = models.TextField()
    body = models.TextField()

    class Meta:
        db_table = "articles_search"

    def __str__(self):
        return self.title
