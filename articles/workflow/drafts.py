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
    "cover",
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
        copy.save()  # its figures follow its body
        copy.tags.set(live.tags.all())
    return copy


def merge(copy, user):
    """Put an approved working copy's content into the live article; returns the live article."""
    live = copy.draft_of
    with transaction.atomic():
        for field in MERGED_FIELDS:
            setattr(live, field, getattr(copy, field))
        live.save()  # its figures follow its body
        live.tags.set(copy.tags.all())
        copy.delete()
        revisions.record(live, user, "published", is_live=True)
    return live
