"""Who is reading: the one rule for which requests bypass everything built for readers,
and the one rule for a reader's address."""

from django.conf import settings


def is_editorial(request):
    """Staff, who may be previewing drafts: their pages are rendered fresh, never cached,
    never counted as views, and marked private so that no proxy shares them.

    Anyone else, logged in or not, is a reader and gets exactly the reader's page.
    """
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.is_staff)


def client_address(request):
    """The reader's IP address: REMOTE_ADDR, or behind NEWSROOM_TRUSTED_PROXIES proxies the
    address the nearest of them saw (entries further left in X-Forwarded-For are whatever
    the client sent, so they are never trusted)."""
    proxies = settings.NEWSROOM_TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",")]
        if len(forwarded) >= proxies and forwarded[-proxies]:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
