"""Keep the search table in step with articles, inside the caller's transaction.

Each entry's row id is the article's *search key*: the hour of its publish time,
shifted left 12 bits, plus the low 12 bits of its id (the next free key if that one
is taken, as in a large import stamped with a single hour). Keys sort by publish
time to the hour, so the engines find "the newest 1,000 matches" as a range of row
ids, without a join; an imported archive's old stories sort as old whatever their
ids. Keys stay small steps apart, which keeps FTS5's delta-encoded lists compact.
"""

from collections import Counter

from django.db import connection, transaction

from .tokens import index_text

ID_BITS = 12
# PostgreSQL's tsvector keeps 16,383 positions a document and 256 a word; past either,
# phrases can go unseen. Such bodies carry this token, and PostgreSQL phrase queries
# accept all their words anywhere in them (engines.py): nothing is missed.
POSITION_LIMITS = (16_383, 256)
LONG_BODY_TOKEN = "nrlongbody"


def search_key(publish_at, pk):
    hour = int(publish_at.timestamp()) // 3600
    return (hour << ID_BITS) | (pk & ((1 << ID_BITS) - 1))


def entry_texts(title, summary, body_text):
    body = index_text(f"{summary}\n{body_text}")
    tokens = body.split()
    if (
        len(tokens) > POSITION_LIMITS[0] - 100
        or max(Counter(tokens).values(), default=0) > POSITION_LIMITS[1]
    ):
        body += " " + LONG_BODY_TOKEN
    return index_text(title), body


def index_article(article):
    from ..models import Article, SearchEntry

    title, body = entry_texts(article.title, article.summary, article.body_text)
    with transaction.atomic():
        old = Article.objects.filter(pk=article.pk).values_list("search_key", flat=True).first()
        key = search_key(article.publish_at, article.pk)
        if old is not None and old >> ID_BITS == key >> ID_BITS:
            key = old  # same hour: keep the key it has
        else:
            while SearchEntry.objects.filter(pk=key).exists():
                key += 1
        if old is not None and old != key:
            SearchEntry.objects.filter(pk=old).delete()
            article.replaced_search_key = old  # for an index outside the database (tantivy_engine)
        if old != key or not SearchEntry.objects.filter(pk=key).update(title=title, body=body):
            SearchEntry.objects.create(key=key, article_id=article.pk, title=title, body=body)
            Article.objects.filter(pk=article.pk).update(search_key=key)
        article.search_key = key


def index_new_articles(articles):
    """Index articles that have no entry yet, all at once (an import's batch): the same
    keys and texts ``index_article`` gives one by one."""
    from ..models import Article, SearchEntry

    wanted = {article.pk: search_key(article.publish_at, article.pk) for article in articles}
    taken = set()
    while True:  # step past keys already in the table, until none of ours is
        keys, used = {}, set(taken)
        for pk, key in wanted.items():
            while key in used:
                key += 1
            used.add(key)
            keys[pk] = key
        clashes = set(SearchEntry.objects.filter(pk__in=keys.values()).values_list("pk", flat=True))
        if not clashes:
            break
        taken |= clashes
    entries = []
    for article in articles:
        title, body = entry_texts(article.title, article.summary, article.body_text)
        entries.append(SearchEntry(key=keys[article.pk], article_id=article.pk, title=title, body=body))
        article.search_key = keys[article.pk]
    SearchEntry.objects.bulk_create(entries)
    write_keys(Article, keys)


def unindex_article(article):
    from ..models import SearchEntry

    if article.search_key is not None:
        SearchEntry.objects.filter(pk=article.search_key).delete()


def write_keys(article_model, keys):
    """Store {article id: search key} with one UPDATE per row, batched by the driver
    (an ORM bulk_update's CASE over thousands of rows is quadratic on SQLite)."""
    table = connection.ops.quote_name(article_model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET search_key = %s WHERE id = %s", [(key, pk) for pk, key in keys.items()]
        )


def rebuild_index(articles, batch_size=500, progress=None, body_text=lambda article: article.body_text):
    """Replace the whole index; ``progress`` is called with each batch's size.

    ``articles`` may be historical models (a migration passes ``body_text``)."""
    article_model, search_entry = (
        articles.model,
        articles.model._meta.apps.get_model("articles", "SearchEntry"),
    )
    with transaction.atomic():
        search_entry.objects.all().delete()
        article_model.objects.update(search_key=None)
        taken, entries, keys = set(), [], {}
        needed = articles.only("pk", "publish_at", "title", "summary", "body")
        for article in needed.iterator(chunk_size=batch_size):
            key = search_key(article.publish_at, article.pk)
            while key in taken:
                key += 1
            taken.add(key)
            title, body = entry_texts(article.title, article.summary, body_text(article))
            entries.append(search_entry(key=key, article_id=article.pk, title=title, body=body))
            keys[article.pk] = key
            if len(entries) >= batch_size:
                _write(search_entry, article_model, entries, keys, progress)
                entries, keys = [], {}
        _write(search_entry, article_model, entries, keys, progress)


def _write(search_entry, article_model, entries, keys, progress):
    search_entry.objects.bulk_create(entries)
    write_keys(article_model, keys)
    progress and progress(len(entries))
