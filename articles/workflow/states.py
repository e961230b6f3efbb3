"""What readers can see of an article, named once and used by the model, admin and pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    """An article's publishing state, derived from its status and publish time (never stored)."""

    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("Live")
