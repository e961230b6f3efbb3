"""Content-Security-Policy: strict everywhere; the admin alone gets two allowances.

django-prose-editor renders an inline ``<script type="importmap">`` and Django's admin
uses inline styles. Under the admin only, the policy allows exactly that import map (by
its hash, computed once per distinct map) and inline styles. Public pages allow neither.
"""

import base64
import functools
import hashlib
import re

from csp.middleware import CSPMiddleware

IMPORT_MAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.DOTALL)


@functools.lru_cache(maxsize=8)
def _source_hash(body):
    return f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"


def _in_admin(request):
    match = getattr(request, "resolver_match", None)
    return match is not None and match.app_name == "admin"


class AdminAllowancesCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        if _in_admin(request):
            update = {"style-src": ["'unsafe-inline'"]}
            if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
                hashes = [_source_hash(body) for body in IMPORT_MAP.findall(response.content)]
                if hashes:
                    update["script-src"] = hashes
            response._csp_update = update
        return super().process_response(request, response)
