"""Revisions: a snapshot of everything readers would see of an article, and putting one back.

A snapshot holds the article's own fields (the body places its figures, by library
image id), its cover image's id and its tags. An image deleted from the library since
is left out when a snapshot is shown or restored. Restoring never touches
what readers see: it becomes a new draft (workflow/drafts.py for a live article).
"""

from django.db import transaction
from django.db.models import Max
from django.utils.dateparse import parse_datetime

from . import audit

FIELDS = ["title", "slug", "summary", "body", "source", "meta_description"]
TIMES = ["publish_at", "expire_at"]


def snapshot(article, tag_names=None):
    data = {field: getattr(article, field) for field in FIELDS}
    data |= {
        field: getattr(article, field).isoformat() if getattr(article, field) else None for field in TIMES
    }
    data |= {
        "row": article.pk,  # a working copy's row, or the article's own
        "version": article.version,
        "category": article.category_id,
        "cover": article.cover_id,
        "tags": sorted(article.tags.names() if tag_names is None else tag_names),
    }
    return data


def record(article, user, event, comment="", is_live=False):
    """Store the article's current state as the next revision of its history (a working copy's
    revisions belong to the live article, so one history tells the whole story)."""
    from ..models import Revision

    root = article.draft_of or article
    data = snapshot(article)
    with transaction.atomic():
        # Numbers are per article: hold its row while taking the next one.
        list(type(root).objects.select_for_update().filter(pk=root.pk).values_list("pk"))
        last = Revision.objects.filter(article=root).aggregate(n=Max("number"))["n"]
        return Revision.objects.create(
            article=root,
            number=(last or 0) + 1,
            created_by=user if user is not None and user.pk else None,
            event=event,
            comment=comment,
            is_live=is_live,
            data=data,
        )


def apply(data, article):
    """Make ``article`` (a draft or working copy, never the live row) hold the snapshot ``data``."""
    from ..models import Image

    for field in FIELDS:
        setattr(article, field, data[field])
    for field in TIMES:
        setattr(article, field, parse_datetime(data[field]) if data[field] else None)
    article.category_id = data["category"]
    article.cover = Image.objects.filter(pk=data["cover"]).first() if data["cover"] else None
    article.save()  # figures of images deleted since drop out of the body here
    article.tags.set(data["tags"])
    return article


def record_unless_kept(article):
    """After a commit: make sure this saved version of the article has its revision.

    Admin saves and workflow moves record theirs (with who, what and why) in the
    transaction itself; this catches every other save (imports, scripts, the demo), so
    that any version an editor may have opened can be compared with what came after.
    """
    from ..models import Article, Revision

    root_id = article.draft_of_id or article.pk
    if not Article.objects.filter(pk=article.pk, version=article.version).exists():
        return  # deleted, or saved again since: that save records its own
    if not Revision.objects.filter(
        article_id=root_id, data__row=article.pk, data__version=article.version
    ).exists():
        user = getattr(audit.current_request(), "user", None)
        record(article, user if user is not None and user.is_authenticated else None, "save")
