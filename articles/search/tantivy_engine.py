"""Tantivy (SEARCH_BACKEND=tantivy): relevance over *every* match, for one machine's large archive.

The database engines score only the newest RECENT_CANDIDATES matches (engines.py), so
an old article that matches best is never first when a term is common. Tantivy, the
Rust engine behind Quickwit, ranks all matches by BM25 (titles weigh ten times
bodies) in a few milliseconds. It indexes the same token text (tokens.py), so it
finds the same articles; the database index stays the source of truth and still
answers date order and the admin's archive search.

The index is a folder (TANTIVY_INDEX_DIR) on this machine: written after each commit
(signals.py), rebuilt by ``rebuild_search_index``. Several app nodes each need their
own copy of every write, so the multi-node path stays on the database engines.
"""

import time
from functools import cache
from pathlib import Path

from django.conf import settings

from .engines import BODY_WEIGHT, TITLE_WEIGHT
from .index import entry_texts, search_key

WRITER_HEAP = 15_000_000
LOCK_WAIT_SECONDS = 10  # gunicorn workers take turns with the index's single writer


def enabled():
    return settings.NEWSROOM_SEARCH_BACKEND == "tantivy"


@cache
def _schema():
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("key", stored=True, indexed=True, fast=True)
    builder.add_text_field("title", tokenizer_name="default")
    builder.add_text_field("body", tokenizer_name="default")
    return builder.build()


def _index(path=None):
    import tantivy

    folder = Path(path or settings.NEWSROOM_TANTIVY_INDEX_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return tantivy.Index(_schema(), path=str(folder))


def _writer(index):
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            return index.writer(heap_size=WRITER_HEAP, num_threads=1)
        except ValueError:  # another process holds the lock
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _document(key, title, body):
    import tantivy

    return tantivy.Document(key=key, title=title, body=body)


def write(articles, removed_keys=()):
    """Put ``articles`` (their current text) into the index and take ``removed_keys`` out."""
    index = _index()
    writer = _writer(index)
    try:
        for key in removed_keys:
            writer.delete_documents_by_term("key", key)
        for article in articles:
            if article.search_key is None:
                continue
            replaced = getattr(article, "replaced_search_key", None)
            if replaced is not None:
                writer.delete_documents_by_term("key", replaced)
            writer.delete_documents_by_term("key", article.search_key)
            title, body = entry_texts(article.title, article.summary, article.body_text)
            writer.add_document(_document(article.search_key, title, body))
        writer.commit()
        writer.wait_merging_threads()
    finally:
        del writer  # releases the index's lock for the next process


def rebuild(articles, batch_size=1000, progress=None):
    """Replace the whole index with ``articles`` (a queryset)."""
    index = _index()
    writer = _writer(index)
    try:
        writer.delete_all_documents()
        needed = articles.only("pk", "publish_at", "title", "summary", "body", "search_key")
        count = 0
        for article in needed.iterator(chunk_size=batch_size):
            key = (
                article.search_key
                if article.search_key is not None
                else search_key(article.publish_at, article.pk)
            )
            title, body = entry_texts(article.title, article.summary, article.body_text)
            writer.add_document(_document(key, title, body))
            count += 1
            if progress and count % batch_size == 0:
                progress(batch_size)
        writer.commit()
        writer.wait_merging_threads()
        if progress and count % batch_size:
            progress(count % batch_size)
    finally:
        del writer


def _term_query(term, field):
    import tantivy

    tokens = list(term.tokens)
    if term.prefix:
        if len(tokens) == 1:
            return tantivy.Query.regex_query(_schema(), field, _regex_escape(tokens[0]) + ".*")
        return tantivy.Query.phrase_prefix_query(_schema(), field, tokens)
    if len(tokens) == 1:
        return tantivy.Query.term_query(_schema(), field, tokens[0])
    return tantivy.Query.phrase_query(_schema(), field, tokens)


def _regex_escape(text):
    return "".join("\\" + ch if ch in r".^$*+?()[]{}|\-" else ch for ch in text)


def _either_field(term):
    import tantivy

    title = tantivy.Query.boost_query(_term_query(term, "title"), TITLE_WEIGHT / BODY_WEIGHT)
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Should, title), (tantivy.Occur.Should, _term_query(term, "body"))]
    )


def _query(parsed):
    import tantivy

    clauses = [(tantivy.Occur.Must, _either_field(term)) for term in parsed.include]
    clauses += [(tantivy.Occur.MustNot, _either_field(term)) for term in parsed.exclude]
    return tantivy.Query.boolean_query(clauses)


def ranked_keys(parsed, limit):
    """[(search key, score)] of the best ``limit`` of *all* matches, best first."""
    index = _index()
    index.reload()
    searcher = index.searcher()
    hits = searcher.search(_query(parsed), limit, count=False).hits
    return [(searcher.doc(address)["key"][0], score) for score, address in hits]
