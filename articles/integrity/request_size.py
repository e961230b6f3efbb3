"""Refuse a request body larger than NEWSROOM_MAX_REQUEST_BYTES before reading any of it.

Django bounds form fields in memory (DATA_UPLOAD_MAX_MEMORY_SIZE) but streams files to
disk without a total limit; a proxy in front should refuse these too (README).
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.headers.get("content-length") or 0)
        except ValueError:
            length = 0
        if length > settings.NEWSROOM_MAX_REQUEST_BYTES:
            message = _("The upload is too large: at most %(limit)s per request.") % {
                "limit": filesizeformat(settings.NEWSROOM_MAX_REQUEST_BYTES)
            }
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
