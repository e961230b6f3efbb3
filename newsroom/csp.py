"""Content-Security-Policy with one allowance: the admin editor's inline import map, by its hash."""

import base64
import hashlib
import re

from csp.middleware import CSPMiddleware

IMPORT_MAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)


class ImportMapCSPMiddleware(CSPMiddleware):
    """django-prose-editor renders an inline ``<script type="importmap">``; allow exactly that text."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if (
            content_type.startswith("text/html")
            and not response.streaming
            and b"importmap" in response.content
        ):
            hashes = [
                f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
                for body in IMPORT_MAP.findall(response.content)
            ]
            if hashes:
                response._csp_update = {"script-src": hashes}
        return super().process_response(request, response)
