"""Image work done before the admin's transaction starts, so it never holds the write lock.

Django's admin saves inside one transaction, and on SQLite (BEGIN IMMEDIATE) that holds
the database's write lock from the first moment: decoding, re-encoding and resizing an
upload there kept every other writer (view counts, other editors) waiting. ``prepared``
does that work first, outside any transaction, and hangs the result on the uploaded
file; ``save_with_renditions`` then only names the files. When the request ends, any of
them no row names (the form was refused, the save failed or rolled back) is removed.
"""

from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from .renditions import delete_unused, make_renditions
from .uploads import clean_copy, validate_image_upload


@dataclass
class Prepared:
    name: str
    renditions: list


def _prepare(upload, model_field):
    try:
        validate_image_upload(upload)
    except ValidationError:
        return None  # the form says why
    clean = clean_copy(upload)
    fieldfile = model_field.attr_class(None, model_field, model_field.generate_filename(None, clean.name))
    fieldfile.name = model_field.storage.save(fieldfile.name, clean)
    return Prepared(fieldfile.name, make_renditions(fieldfile))


@contextmanager
def prepared(request, fields_by_upload):
    """Prepare each upload whose form key ``fields_by_upload(key)`` maps to an image model field."""
    done = []
    for key, upload in request.FILES.items():
        model_field = fields_by_upload(key)
        if model_field is not None:
            upload.newsroom_prepared = _prepare(upload, model_field)
            if upload.newsroom_prepared:
                done.append((model_field.storage, upload.newsroom_prepared))
    try:
        yield
    finally:
        for storage, result in done:  # kept if a committed row (or this transaction's) names it
            delete_unused(storage, {result.name: result.renditions})
