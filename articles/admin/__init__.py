"""The editors' admin: one module per model admin, with its filters, forms and widgets beside it.

The site itself (header, index, login with a second factor) is articles/accounts/site.py.
"""

from . import articles, audit, categories, findings, images  # noqa: F401  (registers the model admins)
