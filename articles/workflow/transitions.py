"""The review chain (三审): who may move an article from one status to the next, and the moves.

    draft / returned / unpublished --submit--> in review, level 1 of m (m = the category's chain)
    in review, level n --approve--> level n+1; at level m: published (scheduled if its time is ahead)
    in review --return (with a comment)--> returned to the writer
    chain of 0 levels: a chief editor publishes directly
    published --unpublish--> unpublished

Every move is checked here, on the server: ``check`` raises PermissionDenied when the
user's role may never do it, and Refused (a clear message) when it does not apply to
the article as it is now. ``perform`` re-reads the article under a row lock, checks
again, and writes the move, its revision and its audit entry in one transaction, so
two reviewers cannot approve the same level twice.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from . import audit, drafts, revisions
from .roles import can_approve
from .states import EDITABLE_STATUSES, Status

SUBMIT, APPROVE, REJECT, PUBLISH, UNPUBLISH = "submit", "approve", "reject", "publish", "unpublish"
NAMES = [SUBMIT, APPROVE, REJECT, PUBLISH, UNPUBLISH]


class Refused(Exception):
    """The move does not apply to the article as it is now; nothing was changed."""


def can_edit(user, article):
    """Whether ``user`` may change ``article``'s content in place (a live one is edited as a new draft)."""
    if not user.has_perm("articles.change_article") or article.status == Status.PUBLISHED:
        return False
    if user.has_perm("articles.edit_any_article"):
        return True
    return article.author_id == user.pk and article.status in EDITABLE_STATUSES


def is_own_writing(user, article):
    return user.pk in {article.author_id, article.submitted_by_id}


def approved_this_round(user, article):
    """Whether ``user`` approved a level since the article was last submitted (三审 is three people)."""
    from ..models import Revision

    root = article.draft_of_id or article.pk
    events = Revision.objects.filter(article_id=root, data__row=article.pk, event__in=[SUBMIT, APPROVE])
    last_submit = events.filter(event=SUBMIT).order_by("-number").values_list("number", flat=True).first()
    return events.filter(event=APPROVE, created_by=user, number__gt=last_submit or 0).exists()


def chain(article):
    # Kept on the instance: the change form checks every move, each needing the chain.
    if not hasattr(article, "_review_chain"):
        article._review_chain = article.category.review_chain()
    return article._review_chain


def level_role(article):
    """The role that approves the article's current level, or None at a chain's end (publish)."""
    roles = chain(article)
    return roles[article.review_level - 1] if 1 <= article.review_level <= len(roles) else None


def check(name, article, user):
    """Raise PermissionDenied or Refused unless ``user`` may do ``name`` to ``article`` now."""
    if name == SUBMIT:
        if not user.has_perm("articles.submit_article") or not can_edit(user, article):
            raise PermissionDenied(_("You may not submit this article."))
        if article.status not in EDITABLE_STATUSES:
            raise Refused(_("Only a draft, a returned or an unpublished article can be submitted."))
    elif name in {APPROVE, REJECT}:
        if not user.has_perm("articles.review_article"):
            raise PermissionDenied(_("You may not review articles."))
        if article.status != Status.IN_REVIEW:
            raise Refused(_("This article is not waiting for review."))
        role = level_role(article)
        if role is None and name == APPROVE:
            raise Refused(_("This article needs no more approvals: a chief editor publishes it."))
        if not can_approve(user, role or "chief"):
            raise PermissionDenied(_("This level is approved by another role."))
        if name == APPROVE and is_own_writing(user, article) and not settings.NEWSROOM_ALLOW_SELF_APPROVAL:
            raise Refused(_("You cannot approve your own writing; another reviewer must."))
        if (
            name == APPROVE
            and approved_this_round(user, article)
            and not settings.NEWSROOM_ALLOW_SELF_APPROVAL
        ):
            raise Refused(
                _(
                    "You have approved this article at an earlier level; the next level needs another reviewer."
                )
            )
    elif name == PUBLISH:
        if not user.has_perm("articles.publish_article"):
            raise PermissionDenied(_("Only a chief editor may publish."))
        if chain(article):
            raise Refused(
                _("This category needs its review chain: submit the article and approve each level.")
            )
        if article.status == Status.PUBLISHED:
            raise Refused(_("This article is already published."))
    elif name == UNPUBLISH:
        if not user.has_perm("articles.publish_article"):
            raise PermissionDenied(_("Only a chief editor may unpublish."))
        if article.status != Status.PUBLISHED:
            raise Refused(_("Only a published article can be unpublished."))
    else:
        raise Refused(_("Unknown action."))


def waiting_for(user, articles, limit=200):
    """In-review articles whose current level ``user`` may approve (or publish), oldest first.

    One query for the articles and one chain per category, however many wait.
    """
    if not user.has_perm("articles.review_article"):
        return []
    candidates = (
        articles.filter(status=Status.IN_REVIEW)
        .exclude(author=user)
        .exclude(submitted_by=user)
        .select_related("category")
        .order_by("publish_at")[:limit]
    )
    chains, waiting = {}, []
    for article in candidates:
        roles = chains.setdefault(article.category_id, article.category.review_chain())
        role = roles[article.review_level - 1] if 1 <= article.review_level <= len(roles) else "chief"
        if can_approve(user, role):
            waiting.append(article)
    return waiting


def available(article, user):
    """The moves ``user`` may make on ``article`` now, for the buttons the admin shows."""
    allowed = []
    for name in NAMES:
        try:
            check(name, article, user)
        except (PermissionDenied, Refused):
            continue
        allowed.append(name)
    return allowed


def perform(name, article, user, comment=""):
    """Make the move; returns the article readers will see it as (the live one after a merge)."""
    from ..models import Article

    with transaction.atomic():
        try:
            article = (
                Article.objects.select_for_update(of=("self",))
                .select_related("category", "draft_of")
                .get(pk=article.pk)
            )
        except Article.DoesNotExist:
            raise Refused(_("This article no longer exists.")) from None
        check(name, article, user)
        if name == REJECT and not comment.strip():
            raise Refused(_("Say what needs changing: a comment is required to return an article."))
        return _MOVES[name](article, user, comment.strip())


def _refuse_injected_text(article):
    """Nothing goes live carrying injected text: the publish step runs the integrity scan too."""
    from ..integrity.scanner import scan_article

    injected = [f for f in scan_article(article) if f.kind in {"brand", "signature"}]
    if injected:
        found = "; ".join(str(f) for f in injected)
        raise Refused(
            _("Not published: this looks like injected spam, remove it first (%(found)s).") % {"found": found}
        )


def _refuse_images_without_alt_text(article):
    """Readers who cannot see an image get its alt text: none goes live without one
    (unless the library marks it decorative)."""
    lacking = article.images_lacking_alt_text()
    if lacking:
        names = "; ".join(
            _("“%(title)s” (image %(id)s)") % {"title": image.title, "id": image.pk} for image in lacking
        )
        raise Refused(
            _(
                "Not published: give these images alt text in the image library, or in the figure, "
                "or mark them decorative: %(images)s."
            )
            % {"images": names}
        )


def _save_move(article, user, move, comment, detail=None):
    """Write the moved article, its revision and its audit entry (inside perform's transaction)."""
    article.save()
    revisions.record(article, user, move, comment)
    audit.record(
        move,
        user=user,
        target=article,
        article=article.draft_of or article,
        detail=comment if detail is None else detail,
    )
    return article


def _submit(article, user, comment):
    article.status, article.review_level = Status.IN_REVIEW, 1 if chain(article) else 0
    article.submitted_by, article.review_comment = user, ""
    return _save_move(article, user, SUBMIT, comment)


def _approve(article, user, comment):
    levels = len(chain(article))
    detail = f"{article.review_level}/{levels} {comment}".strip()
    if article.review_level < levels:
        article.review_level += 1
        return _save_move(article, user, APPROVE, comment, detail)
    audit.record(APPROVE, user=user, target=article, article=article.draft_of or article, detail=detail)
    return _go_live(article, user, comment)


def _reject(article, user, comment):
    article.status, article.review_level, article.review_comment = Status.REJECTED, 0, comment
    return _save_move(article, user, REJECT, comment)


def _go_live(article, user, comment):
    _refuse_injected_text(article)
    _refuse_images_without_alt_text(article)
    if article.draft_of_id:
        live = drafts.merge(article, user)
    else:
        article.publish()
        revisions.record(article, user, PUBLISH, comment, is_live=True)
        live = article
    action = audit.Action.SCHEDULE if live.state == "scheduled" else audit.Action.PUBLISH
    audit.record(action, user=user, target=live, article=live, detail=comment)
    return live


def _unpublish(article, user, comment):
    article.status = Status.UNPUBLISHED
    return _save_move(article, user, UNPUBLISH, comment)


_MOVES = {SUBMIT: _submit, APPROVE: _approve, REJECT: _reject, PUBLISH: _go_live, UNPUBLISH: _unpublish}


def start_new_draft(live, user):
    """The working copy for editing a live article (made now if there is none)."""
    if not user.has_perm("articles.change_article") or not (
        user.has_perm("articles.edit_any_article") or live.author_id == user.pk
    ):
        raise PermissionDenied(_("You may not edit this article."))
    if live.status != Status.PUBLISHED or live.draft_of_id:
        raise Refused(_("Only a published article is edited as a new draft; edit this one directly."))
    created = not hasattr(live, "pending_draft")
    copy = drafts.working_copy(live, user)
    if created:
        audit.record(audit.Action.NEW_DRAFT, user=user, target=live, article=live)
    return copy


def restore(revision, user):
    """Put ``revision`` back as a new draft: into the working copy if the article is live."""
    if not user.has_perm("articles.restore_article"):
        raise PermissionDenied(_("Only a chief editor may restore revisions."))
    from ..models import Article

    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=revision.article_id)
        if article.status == Status.PUBLISHED:
            target = drafts.working_copy(article, user)
        else:
            target = article
            target.status, target.review_level = Status.DRAFT, 0
        if target.status not in EDITABLE_STATUSES:
            raise Refused(_("The pending draft is in review; return it before restoring into it."))
        revisions.apply(revision.data, target)
        comment = _("Restored from revision %(number)s") % {"number": revision.number}
        revisions.record(target, user, "restore", comment)
        audit.record(audit.Action.RESTORE, user=user, target=article, article=article, detail=comment)
    return target
