"""The deployed templates and static files, by hash: written at collectstatic, checked by check_integrity.

An intruder who can write files usually edits a template (a hidden link in the footer)
or a script. ``ManifestStaticStorage`` records the hash of every template and collected
static file when ``collectstatic`` runs, the deploy step; ``changed_files`` lists what
differs from that record since (changed, added or removed).
"""

import hashlib
import json
from pathlib import Path

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


def manifest_path():
    return Path(settings.NEWSROOM_FILE_MANIFEST)


def _watched_files():
    roots = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]] + [Path(settings.STATIC_ROOT)]
    for root in roots:
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.name != "staticfiles.json" and path.suffix not in {".gz", ".br"}:
                    yield str(path), path


def current_hashes():
    return {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in _watched_files()}


def write_manifest():
    path = manifest_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(current_hashes(), indent=0, sort_keys=True))


def changed_files():
    """[(path, "changed" | "added" | "removed")] since the manifest was written; None without one."""
    path = manifest_path()
    if not path.exists():
        return None
    recorded, now = json.loads(path.read_text()), current_hashes()
    changes = [(name, "changed") for name in recorded.keys() & now.keys() if recorded[name] != now[name]]
    changes += [(name, "added") for name in now.keys() - recorded.keys()]
    changes += [(name, "removed") for name in recorded.keys() - now.keys()]
    return sorted(changes)


class ManifestStaticStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's storage, recording the file manifest once collectstatic has finished."""

    def post_process(self, *args, **kwargs):
        yield from super().post_process(*args, **kwargs)
        write_manifest()
