"""Editorial workflow: an article's publishing states and the roles that move it between them.

- ``states``: draft, scheduled, live; ``Article.state``, ``publish()`` and ``unpublish()`` use them.
- ``roles``: the staff groups and exactly the permissions each needs.
"""
