"""Back up and restore the whole site: the database and the media files, into one folder.

SQLite is copied with its online backup API (a consistent copy while the site runs);
PostgreSQL with ``pg_dump`` in its custom format, restored with ``pg_restore``. Media
files are copied from whatever storage holds them (local folder or S3), so a backup
taken from one can be restored into the other. ``backup.json`` lists every file with its
SHA-256, and restore checks each one before it writes anything.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

DATABASE_FILE = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}


def _media_names(storage, folder=""):
    directories, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}".lstrip("/")
    for directory in directories:
        yield from _media_names(storage, f"{folder}/{directory}".lstrip("/"))


def _pg_environment():
    settings = connection.settings_dict
    return os.environ | {
        "PGHOST": settings["HOST"] or "",
        "PGPORT": str(settings["PORT"] or ""),
        "PGUSER": settings["USER"] or "",
        "PGPASSWORD": settings["PASSWORD"] or "",
        "PGDATABASE": settings["NAME"],
    }


def _sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def backup(destination):
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=False)
    database = destination / DATABASE_FILE[connection.vendor]
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        with sqlite3.connect(database) as copy:
            connection.connection.backup(copy)
    else:
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", f"--file={database}"],
            env=_pg_environment(),
            check=True,
        )
    media = {}
    try:
        names = sorted(_media_names(default_storage))
    except FileNotFoundError:  # no media yet
        names = []
    for name in names:
        target = destination / "media" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, open(target, "wb") as copy:
            shutil.copyfileobj(source, copy)
        media[name] = _sha256(target)
    manifest = {
        "database": database.name,
        "database_sha256": _sha256(database),
        "vendor": connection.vendor,
        "media": media,
    }
    (destination / "backup.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest


def restore(source):
    """Replace the database and add back every media file of the backup in ``source``."""
    source = Path(source)
    manifest = json.loads((source / "backup.json").read_text())
    if manifest["vendor"] != connection.vendor:
        raise ValueError(
            f"This backup is of a {manifest['vendor']} database; this site uses {connection.vendor}."
        )
    database = source / manifest["database"]
    damaged = [
        name for name, digest in manifest["media"].items() if _sha256(source / "media" / name) != digest
    ]
    if _sha256(database) != manifest["database_sha256"]:
        damaged.append(manifest["database"])
    if damaged:
        raise ValueError(f"The backup is damaged: {', '.join(damaged[:5])}")
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        with sqlite3.connect(database) as backup_copy:
            backup_copy.backup(connection.connection)
    else:
        connection.close()
        subprocess.run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(database),
            ],
            env=_pg_environment(),
            check=True,
        )
    for name in manifest["media"]:
        if default_storage.exists(name):
            default_storage.delete(name)
        default_storage.save(name, ContentFile((source / "media" / name).read_bytes()))
    return manifest
