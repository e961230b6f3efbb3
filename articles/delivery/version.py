"""The content version: one token that every cached page and fragment key carries.

It lives in the shared cache (Redis, or the file cache on one machine), so every
worker and node agrees on it. Any editorial change deletes it (signals.py); the time
the next scheduled article goes live or the next live one expires replaces it, so no
cron job is needed. Old entries are never read again and simply expire. Each process
keeps a copy while it knows it is current (version_watch.py: Redis's purge channel, or
the version file's identity).
"""

import uuid

from django.core.cache import cache
from django.utils import timezone

from .version_watch import watch

STATE_KEY = "newsroom:content-version"


def content_version():
    return _state()["version"]


def menu_version_seen():
    """The menu version as of the current content version: read from this process's copy
    (version_watch.py), not the shared cache. A category's change replaces the menu
    version and then the content version (signals.py), so a new content version
    always carries the new menu version."""
    return _state()["menu"]


def content_wal_position():
    """Where the primary's write-ahead log stood when this version was made (with a
    PostgreSQL replica; else None): a page of this version may be read from the replica
    only once it has replayed that far (newsroom/replica.py)."""
    return _state().get("wal")


def _state():
    state, token = watch.remembered(cache, STATE_KEY)
    if state is not None and not _passed(state) and "menu" in state:
        return state
    state = cache.get(STATE_KEY)
    if state is not None and (_passed(state) or "menu" not in state):  # or made by an earlier release
        purge()  # the clock changed what readers see: every process moves on together
        state = None
    if state is None:
        state = _new_state()
        if not cache.add(STATE_KEY, state, None):  # another process made one first: use it
            state = cache.get(STATE_KEY) or state
    watch.keep(state, token)
    return state


def _passed(state):
    return state.get("changes_at") is not None and timezone.now() >= state["changes_at"]


def _new_state():
    from newsroom.replica import primary_wal_position

    from ..models import Article

    return {
        "version": uuid.uuid4().hex[:12],
        "changes_at": Article.objects.next_change(),
        "wal": primary_wal_position(),
        "menu": menu_version(),
    }


def purge():
    """Make every cached page and fragment stale at once, in every process and node."""
    cache.delete(STATE_KEY)
    watch.announce(cache)


MENU_KEY = "newsroom:menu-version"


def menu_version():
    """The version of what the category menu shows: only a category's change makes it stale,
    so the first render after an article's edit does not rebuild the menu too."""
    version = cache.get(MENU_KEY)
    if version is None:
        version = uuid.uuid4().hex[:12]
        cache.set(MENU_KEY, version, None)
    return version


def purge_menu():
    cache.delete(MENU_KEY)
