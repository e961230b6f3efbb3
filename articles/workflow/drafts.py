"""Editing a live article without touching what readers see (as Wagtail does).

An edit of a published article is made on a *working copy*: an ordinary Article row
with ``draft_of`` pointing at the live one, edited in the same admin form, reviewed
through the same chain. Readers keep seeing the live row. When the copy's last
approval comes, ``merge`` moves its content into the live row (same id, address,
publish time and view count) and the copy goes; its history stays with the article.
"""

from django.db import transaction

from . import revisions
from .states import Status

MERGED_FIELDS = [
    "title",
    "slug",
    "summary",
    "body",
    "category",
    "source",
    "meta_description",
    "expire_at",
    "cover_image",
    "cover_width",
    "cover_height",
    "cover_renditions",
]


def working_copy(live, user):
    """The live article's working copy, made now from the live content if there is none."""
    from ..models import Article

    existing = Article.objects.filter(draft_of=live).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        copy = Article(draft_of=live, status=Status.DRAFT, author=user, publish_at=live.publish_at)
        for field in MERGED_FIELDS:
            setattr(copy, field, getattr(live, field))
        copy.save()
        copy.tags.set(live.tags.all())
        for figure in live.images.all():
            figure.pk, figure.article = None, copy
            figure.save()
    return copy


def merge(copy, user):
    """Put an approved working copy's content into the live article; returns the live article."""
    live = copy.draft_of
    with transaction.atomic():
        for field in MERGED_FIELDS:
            setattr(live, field, getattr(copy, field))
        live.save()
        live.tags.set(copy.tags.all())
        live.images.all().delete()  # their files stay while a revision or the copy's figures name them
        copy.images.update(article=live)
        copy.delete()
        revisions.record(live, user, "published", is_live=True)
    return live


def files_in_use(names):
    """Those of the image ``names`` that an article, a figure or a revision still refers to."""
    from ..models import Article, ArticleImage, Revision

    names = set(names)
    used = set(ArticleImage.objects.filter(image__in=names).values_list("image", flat=True))
    used |= set(Article.objects.filter(cover_image__in=names).values_list("cover_image", flat=True))
    for name in names - used:
        if Revision.objects.filter(files__contains=f"\n{name}\n").exists():
            used.add(name)
    return used
