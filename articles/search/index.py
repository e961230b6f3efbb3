"""Keep the search table in step with articles, inside the caller's transaction."""

from django.db import transaction

from .tokens import index_text


def entry_texts(article):
    return index_text(article.title), index_text(f"{article.summary}\n{article.body_text}")


def index_article(article):
    from ..models import SearchEntry

    title, body = entry_texts(article)
    with transaction.atomic():
        if not SearchEntry.objects.filter(pk=article.pk).update(title=title, body=body):
            SearchEntry.objects.create(article_id=article.pk, title=title, body=body)


def rebuild_index(articles, batch_size=500, progress=None):
    """Replace the whole index; ``progress`` is called with each batch's size."""
    from ..models import SearchEntry

    with transaction.atomic():
        SearchEntry.objects.all().delete()
        batch = []
        for article in articles.iterator(chunk_size=batch_size):
            title, body = entry_texts(article)
            batch.append(SearchEntry(article_id=article.pk, title=title, body=body))
            if len(batch) >= batch_size:
                SearchEntry.objects.bulk_create(batch)
                progress and progress(len(batch))
                batch = []
        SearchEntry.objects.bulk_create(batch)
        progress and progress(len(batch))
