"""Who is reading: the one rule for which requests bypass everything built for readers."""


def is_editorial(request):
    """Staff, who may be previewing drafts: their pages are rendered fresh, never cached,
    never counted as views, and marked private so that no proxy shares them.

    Anyone else, logged in or not, is a reader and gets exactly the reader's page.
    """
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.is_staff)
