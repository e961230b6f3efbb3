"""Keep the search table in step with articles, inside the caller's transaction.

Each entry's row id is the article's *search key*: its publish time in seconds,
shifted left by 24 bits, plus the low 24 bits of its id. Keys sort by publish time
(ties by id), so the engines find "the newest 1,000 matches" as a range of row ids,
as cheaply as before, and an imported archive's old stories sort as old whatever
their ids. Two articles share a key only if they share a publish second and their
ids differ by a multiple of 16.7 million.
"""

from django.db import transaction

from .tokens import index_text

ID_BITS = 24


def search_key(publish_at, pk):
    return (int(publish_at.timestamp()) << ID_BITS) | (pk & ((1 << ID_BITS) - 1))


def entry_texts(title, summary, body_text):
    return index_text(title), index_text(f"{summary}\n{body_text}")


def index_article(article):
    from ..models import Article, SearchEntry

    title, body = entry_texts(article.title, article.summary, article.body_text)
    key = search_key(article.publish_at, article.pk)
    with transaction.atomic():
        old = Article.objects.filter(pk=article.pk).values_list("search_key", flat=True).first()
        if old is not None and old != key:
            SearchEntry.objects.filter(pk=old).delete()
        if old != key or not SearchEntry.objects.filter(pk=key).update(title=title, body=body):
            SearchEntry.objects.create(key=key, article_id=article.pk, title=title, body=body)
            Article.objects.filter(pk=article.pk).update(search_key=key)
        article.search_key = key


def unindex_article(article):
    from ..models import SearchEntry

    if article.search_key is not None:
        SearchEntry.objects.filter(pk=article.search_key).delete()


def rebuild_index(articles, batch_size=500, progress=None):
    """Replace the whole index; ``progress`` is called with each batch's size."""
    from ..models import Article, SearchEntry

    with transaction.atomic():
        SearchEntry.objects.all().delete()
        Article.objects.update(search_key=None)
        entries, keyed = [], []
        for article in articles.iterator(chunk_size=batch_size):
            title, body = entry_texts(article.title, article.summary, article.body_text)
            article.search_key = search_key(article.publish_at, article.pk)
            entries.append(SearchEntry(key=article.search_key, article_id=article.pk, title=title, body=body))
            keyed.append(article)
            if len(entries) >= batch_size:
                _write(entries, keyed, progress)
                entries, keyed = [], []
        _write(entries, keyed, progress)


def _write(entries, keyed, progress):
    from ..models import Article, SearchEntry

    SearchEntry.objects.bulk_create(entries)
    Article.objects.bulk_update(keyed, ["search_key"])
    progress and progress(len(entries))
