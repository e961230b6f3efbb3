"""Reader links, worked out once per address and then remembered.

A listing page asks for fifty links or more, and Django's reverse() walks the URL
patterns for each (about 40 µs here: more than a list item's whole template). A link
depends on nothing but its arguments and the moment's URLconf, script prefix and
language, so those are the key.
"""

import functools

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


def link(viewname, **kwargs):
    """reverse(viewname, kwargs=kwargs), remembered."""
    return _remembered(
        get_resolver(get_urlconf()), get_script_prefix(), get_language(), viewname, tuple(kwargs.items())
    )


@functools.lru_cache(maxsize=16384)
def _remembered(resolver, script_prefix, language, viewname, kwargs):
    # The resolver is in the key: clear_url_caches() (a reloaded or overridden URLconf) makes a new one.
    return reverse(viewname, kwargs=dict(kwargs))
