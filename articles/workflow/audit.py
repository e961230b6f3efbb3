"""The audit log: who did what, when, from which address. Written here, read in the admin, never edited.

``record()`` finds the acting user and address from the request being served
(AuditRequestMiddleware keeps it for the duration of the request), so signal
receivers for logins, user and group changes need no request passed to them.
"""

from contextvars import ContextVar

from django.db import models
from django.utils.translation import gettext_lazy as _

_request = ContextVar("newsroom_audit_request", default=None)


class Action(models.TextChoices):
    LOGIN = "login", _("logged in")
    LOGIN_FAILED = "login_failed", _("failed to log in")
    LOGOUT = "logout", _("logged out")
    SAVE = "save", _("saved")
    SUBMIT = "submit", _("submitted for review")
    APPROVE = "approve", _("approved")
    REJECT = "reject", _("returned")
    PUBLISH = "publish", _("published")
    SCHEDULE = "schedule", _("scheduled")
    UNPUBLISH = "unpublish", _("unpublished")
    DELETE = "delete", _("deleted")
    RESTORE = "restore", _("restored a revision")
    NEW_DRAFT = "new_draft", _("started a new draft of a live article")
    USER_CREATED = "user_created", _("created a user")
    GROUPS_CHANGED = "groups_changed", _("changed a user's roles")
    PERMISSIONS_CHANGED = "permissions_changed", _("changed permissions")


class AuditRequestMiddleware:
    """Keeps the current request where ``record()`` can find it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def current_request():
    return _request.get()


def client_address(request):
    return request.META.get("REMOTE_ADDR") or None if request is not None else None


def record(action, target="", *, article=None, user=None, detail="", request=None):
    """Append one entry. ``user`` defaults to the request's logged-in user."""
    from ..models import AuditEntry

    request = request if request is not None else _request.get()
    if user is None and request is not None:
        request_user = getattr(request, "user", None)
        user = request_user if request_user is not None and request_user.is_authenticated else None
    return AuditEntry.objects.create(
        user=user if user is not None and user.pk else None,
        username=user.get_username() if user is not None else "",
        action=action,
        target=str(target)[:300],
        article=article if article is not None and article.pk else None,
        ip_address=client_address(request),
        detail=detail,
    )
