"""How pages reach readers: one owner for each delivery rule.

- ``audience.is_editorial``: who gets fresh, uncached, uncounted, private pages (staff).
- ``version``: the content version every cache key carries; ``purge()`` replaces it.
- ``version_watch``: each process's copy of the content version, and how it knows it is current.
- ``pages``: a page's cache key, the page cache itself (``cached_page``), each worker's
  memory in front of it, and proxy headers.
- ``fast_path``: cached pages answered for session-less readers before sessions and auth.
- ``counting``: what counts as a view (浏览次数) and the live count filled into cached pages.
- ``view_buffer``: views batched per process and added to the database exactly.
- ``context``: the template context every page shares (site name, cache version and timeout).
"""
