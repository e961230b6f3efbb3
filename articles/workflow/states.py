"""An article's place in the workflow: the stored status and the state readers and editors see."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    """Where the article is in the review chain (stored)."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    REJECTED = "rejected", _("Returned")
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Unpublished")


# A writer may edit these (their own); nothing in review or published is edited in place.
EDITABLE_STATUSES = {Status.DRAFT, Status.REJECTED, Status.UNPUBLISHED}


class State(models.TextChoices):
    """The status with the clock applied: a published article is scheduled, live or expired."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    REJECTED = "rejected", _("Returned")
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("Live")
    EXPIRED = "expired", _("Expired")
    UNPUBLISHED = "unpublished", _("Unpublished")
