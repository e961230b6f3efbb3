"""The article page's reads, each one queryset over plain values or prepared.py's Slots:
readers' renders run them prepared (compiled once per database), anything else plain."""

import operator
from functools import reduce

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from .articles import Article
from .images import Figure
from .prepared import PreparedQuery, Slot, remember

RELATED_CANDIDATES = 200  # per tag (related)
LARGEST_ID = 2**63 - 1  # a BigAutoField's, on every database
PREPARED_TAG_COUNTS = 32  # related() is prepared per number of tags, up to this many


def readers_article(articles, pk):
    """The article page's article: with its author, cover and the category tree's copy of
    its category (for the breadcrumb). with_tags_and_figures() adds the rest."""
    return articles.select_related("author", "cover").categories_from_tree().filter(pk=pk)


TAGS_IN_ORDER = Tag.objects.order_by("taggit_taggeditem_items__pk")  # the order they were added
FIGURES_WITH_IMAGES = Figure.objects.select_related("image")


def tagged(content_type_id, pk):
    return {
        "taggit_taggeditem_items__content_type_id": content_type_id,
        "taggit_taggeditem_items__object_id": pk,
    }


def tags_query(content_type_id, pk):
    """An article's tags in the order they were added (as ``article.tags.all()``)."""
    return TAGS_IN_ORDER.filter(**tagged(content_type_id, pk))


def figures_query(pk):
    return FIGURES_WITH_IMAGES.filter(article_id=pk)


def neighbour_queries(now, category_id, publish_at, pk):
    """The previous and next published article in the category, as two querysets."""
    siblings = Article.objects.published(now).filter(category_id=category_id).only("pk", "slug", "title")
    # The redundant gte/lte bound lets the database start at this article in the
    # (category, publish_at) index instead of filtering its way there (the OR alone did).
    newer = siblings.filter(
        models.Q(publish_at__gt=publish_at) | models.Q(publish_at=publish_at, pk__gt=pk),
        publish_at__gte=publish_at,
    )
    older = siblings.filter(
        models.Q(publish_at__lt=publish_at) | models.Q(publish_at=publish_at, pk__lt=pk),
        publish_at__lte=publish_at,
    )
    return older.order_by("-publish_at", "-pk")[:1], newer.order_by("publish_at", "pk")[:1]


def neighbours_query(now, category_id, publish_at, pk):
    """Both neighbours in one query: each is a one-row subquery led by the (category,
    publish_at) index, and the outer query fetches the two by id."""
    older, newer = neighbour_queries(now, category_id, publish_at, pk)
    either = [models.Subquery(older.values("pk")), models.Subquery(newer.values("pk"))]
    return Article.objects.filter(pk__in=either).only("pk", "slug", "title", "publish_at")


def related_query(now, pk, content_type_id, tag_ids, limit):
    """Published articles sharing the most of ``tag_ids``, most shared first.

    Candidates are each tag's RELATED_CANDIDATES most recently tagged articles (the top
    of the tag's index), not every article a tag has: 养老 on thousands of articles
    would otherwise be counted through on every render."""
    tagged = TaggedItem.objects.filter(content_type_id=content_type_id)
    newest_first = tagged.order_by("-pk").values("object_id")  # built once, narrowed per tag
    newest = (newest_first.filter(tag_id=tag_id)[:RELATED_CANDIDATES] for tag_id in tag_ids)
    candidates = reduce(operator.or_, (models.Q(pk__in=each) for each in newest))
    return (
        others(now, pk)
        .filter(candidates, tags__id__in=tag_ids)  # tags__id: a Slot may stand for an id
        .annotate(shared=models.Count("pk"))
        .order_by("-shared", "-publish_at")[:limit]
    )


def others(now, pk):
    return Article.objects.published(now).exclude(pk=pk).only("pk", "slug", "title", "publish_at")


def newest_in_category_query(now, pk, category_id, limit):
    return others(now, pk).filter(category_id=category_id)[:limit]


def _slot(name, field=models.BigIntegerField):
    return Slot(name, field())


NOW = Slot("now", models.DateTimeField())
READERS_ARTICLE = PreparedQuery(Article, lambda: readers_article(Article.objects.published(NOW), _slot("pk")))
TAGS = PreparedQuery(Tag, lambda: tags_query(_slot("content_type"), _slot("pk")))
FIGURES = PreparedQuery(Figure, lambda: figures_query(_slot("pk")))
NEIGHBOURS = PreparedQuery(
    Article,
    lambda: neighbours_query(NOW, _slot("category"), _slot("at", models.DateTimeField), _slot("pk")),
)
NEWEST_IN_CATEGORY = {}  # limit -> PreparedQuery
RELATED = {}  # (number of tags, limit) -> PreparedQuery


def article_for_readers(pk):
    """readers_article(published, pk) prepared, with its tags and figures, or None."""
    if not 0 < pk <= LARGEST_ID:  # as Django's lookups do, an id no column can hold matches nothing
        return None
    article = first(READERS_ARTICLE(now=timezone.now(), pk=pk))
    return None if article is None else with_tags_and_figures(article)


def with_tags_and_figures(article):
    """``article`` with its tags and figures loaded (two queries), as prefetch_related would
    leave them: the page then reads ``article.tags.all()`` and its figures without asking."""
    content_type_id = ContentType.objects.get_for_model(Article).pk
    pk = article.pk
    filters = tagged(content_type_id, pk)
    remember(article, "tags", deferred(TAGS_IN_ORDER, **filters), TAGS(content_type=content_type_id, pk=pk))
    remember(article, "figures", deferred(FIGURES_WITH_IMAGES, article_id=pk), FIGURES(pk=pk))
    return article


def deferred(queryset, **filters):
    """``queryset.filter(**filters)``, its SQL built only if something asks for it, as
    Django's related managers defer theirs: a page reads the remembered objects and never
    does, and building the filter cost more than running the prepared query."""
    queryset = queryset._chain()
    queryset._defer_next_filter = True
    return queryset.filter(**filters)


def neighbours(article):
    """(previous, next): the published articles before and after ``article`` in its category."""
    values = {
        "now": timezone.now(),
        "category": article.category_id,
        "at": article.publish_at,
        "pk": article.pk,
    }
    found, here = NEIGHBOURS(**values), (article.publish_at, article.pk)
    older = next((other for other in found if (other.publish_at, other.pk) < here), None)
    newer = next((other for other in found if (other.publish_at, other.pk) > here), None)
    return older, newer


def related(article, limit=5):
    """Published articles sharing the most tags with ``article``, else the newest of its category."""
    now, tag_ids = timezone.now(), [tag.pk for tag in article.tags.all()]
    content_type_id = ContentType.objects.get_for_model(Article).pk
    if tag_ids:
        count = len(tag_ids)
        if count <= PREPARED_TAG_COUNTS:
            if (count, limit) not in RELATED:
                tags = [_slot(f"tag{number}") for number in range(count)]
                RELATED[count, limit] = PreparedQuery(
                    Article, lambda: related_query(NOW, _slot("pk"), _slot("content_type"), tags, limit)
                )
            values = {f"tag{number}": tag_id for number, tag_id in enumerate(tag_ids)}
            shared = RELATED[count, limit](now=now, pk=article.pk, content_type=content_type_id, **values)
        else:
            shared = list(related_query(now, article.pk, content_type_id, tag_ids, limit))
        if shared:
            return shared
    if limit not in NEWEST_IN_CATEGORY:
        NEWEST_IN_CATEGORY[limit] = PreparedQuery(
            Article, lambda: newest_in_category_query(NOW, _slot("pk"), _slot("category"), limit)
        )
    return NEWEST_IN_CATEGORY[limit](now=now, pk=article.pk, category=article.category_id)


def first(objects):
    return objects[0] if objects else None
