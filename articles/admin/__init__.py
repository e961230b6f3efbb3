"""The editors' admin: one module per model admin, with its filters, forms and widgets beside it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import articles, audit, categories  # noqa: F401  (registers the model admins)

admin.site.site_header = admin.site.site_title = _("Newsroom editing")
admin.site.index_title = _("Publish and manage news")
admin.site.index_template = "admin/newsroom_index.html"  # adds each user's queue
