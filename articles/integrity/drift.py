"""Drift: a live article that no longer reads as its last approved revision.

Every way Newsroom changes a live article records an approved (``is_live``) revision
(publishing, merging an approved draft). Text that differs from it got there another
way, such as a direct database write, the way intruders edit a site. An editor with
the restore permission puts the approved text back in one step.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ..workflow import audit, revisions

COMPARED = [
    "title",
    "slug",
    "summary",
    "body",
    "source",
    "meta_description",
    "category",
    "cover",
    "tags",
]


def last_approved(article):
    return article.revisions.filter(is_live=True).order_by("-number").first()


def _readable(data):
    return {field: data[field] for field in COMPARED}


def drifted_fields(article):
    """The fields in which a live article differs from its last approved revision ([] if none)."""
    if not article.is_published or article.draft_of_id:
        return []
    approved = last_approved(article)
    if approved is None:
        return []
    now, then = _readable(revisions.snapshot(article)), _readable(approved.data)
    return [field for field in now if now[field] != then[field]]


def restore_approved(article, user):
    """Put the last approved revision back on the live article itself (not as a draft)."""
    if not (user.has_perm("articles.restore_article") and user.has_perm("articles.publish_article")):
        raise PermissionDenied(_("Only a chief editor may restore approved text."))
    approved = last_approved(article)
    if approved is None:
        raise PermissionDenied(_("This article has no approved revision to restore."))
    with transaction.atomic():
        revisions.apply(approved.data, article)
        comment = _("Approved text of revision %(number)s restored") % {"number": approved.number}
        revisions.record(article, user, "restore", comment, is_live=True)
        audit.record(audit.Action.RESTORE, user=user, target=article, article=article, detail=comment)
    return article
