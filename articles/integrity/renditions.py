"""Renditions: smaller copies of each stored image, made once, before the row is saved.

An image's files (the clean copy and every rendition) are written to storage before
the model row that names them, so no page can be rendered and cached in between
without its ``srcset``. Files that no row names any more (a replaced or deleted
image) are removed from storage once the change is committed.
"""

import io
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image

from .uploads import EXTENSIONS, clean_copy

RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)
WEBP_MAX_SIDE = 16383  # the format cannot encode more: such renditions have no WebP copy


def _encode(image, image_format):
    if image_format == "JPEG" and image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    elif image.mode not in {"RGB", "RGBA", "L", "LA"}:
        image = image.convert("RGBA")
    buffer = io.BytesIO()
    options = {"JPEG": {"quality": 82, "optimize": True}, "WEBP": {"quality": 80, "method": 4}}
    image.save(buffer, format=image_format, **options.get(image_format, {}))
    return ContentFile(buffer.getvalue())


def make_renditions(fieldfile):
    """Store smaller copies (and WebP where it can) once; returns what <picture> needs.

    If any copy fails, the ones already written are removed before the error goes on.
    """
    storage = fieldfile.storage
    with fieldfile.open("rb") as file:
        image = Image.open(file)
        image.load()
    image_format = image.format
    stem = str(PurePath(fieldfile.name).with_suffix(""))
    widths = [width for width in RENDITION_WIDTHS if width < image.width] + [image.width]
    renditions, written = [], []
    try:
        for width in widths:
            height = max(1, round(image.height * width / image.width))
            resized = (
                image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
            )
            webp = None
            if max(width, height) <= WEBP_MAX_SIDE:
                webp = storage.save(f"renditions/{stem}-{width}w.webp", _encode(resized, "WEBP"))
                written.append(webp)
            if width == image.width:
                fallback = fieldfile.name
            else:
                fallback = storage.save(
                    f"renditions/{stem}-{width}w.{EXTENSIONS[image_format]}", _encode(resized, image_format)
                )
                written.append(fallback)
            renditions.append({"width": width, "height": height, "webp": webp, "fallback": fallback})
    except BaseException:
        for name in written:
            storage.delete(name)
        raise
    return renditions


def stored_files(name, renditions):
    """Every file in storage that belongs to one image: the image and its renditions."""
    names = {name} if name else set()
    for rendition in renditions or []:
        names |= {rendition["webp"], rendition["fallback"]}
    return names - {None}


def delete_unused(storage, images):
    """Remove each of ``images`` ({image name: renditions}) from storage with its renditions,
    unless a library image still names it (an image in use by an article cannot be deleted,
    so the library is what keeps files)."""
    from ..models import Image

    images = {name: renditions for name, renditions in images.items() if name}
    in_use = (
        set(Image.objects.filter(file__in=list(images)).values_list("file", flat=True)) if images else set()
    )
    for name, renditions in images.items():
        if name not in in_use:
            for stored in sorted(stored_files(name, renditions)):
                storage.delete(stored)


def delete_files_on_commit(storage, images):
    """``delete_unused`` once the transaction commits (a rolled-back change keeps its files)."""
    if any(images):
        transaction.on_commit(lambda: delete_unused(storage, images))


def save_with_renditions(instance, save, image_field, renditions_field, *args, **kwargs):
    """Save a model whose ``image_field`` may hold a new upload or have been cleared.

    A new upload is re-encoded, stored and given its renditions first; then the row is
    saved once, naming them all. The files of the image it replaced are removed after commit.
    """
    fieldfile = getattr(instance, image_field)
    uploaded = bool(fieldfile) and not fieldfile._committed
    previous = None
    if instance.pk is not None and (uploaded or not fieldfile):
        previous = type(instance).objects.filter(pk=instance.pk).values(image_field, renditions_field).first()
    prepared = getattr(fieldfile.file, "newsroom_prepared", None) if uploaded else None
    if prepared is not None:  # made before the transaction (prepared_uploads.py)
        fieldfile.name, fieldfile._committed, fieldfile._file = prepared.name, True, None
        model_field = instance._meta.get_field(image_field)
        largest = prepared.renditions[-1]  # the stored image's own size
        setattr(instance, model_field.width_field, largest["width"])
        setattr(instance, model_field.height_field, largest["height"])
        setattr(instance, renditions_field, prepared.renditions)
        uploaded = False  # the request removes its files if no row ends up naming them
    elif uploaded:
        clean = clean_copy(fieldfile.file)
        fieldfile.save(clean.name, clean, save=False)
        try:
            instance._meta.get_field(image_field).update_dimension_fields(instance, force=True)
            setattr(instance, renditions_field, make_renditions(fieldfile))
        except BaseException:
            fieldfile.storage.delete(fieldfile.name)
            raise
    elif not fieldfile:
        setattr(instance, renditions_field, [])
    try:
        save(*args, **kwargs)
    except BaseException:
        if uploaded:  # the row was not written: nothing may name these files
            for name in stored_files(fieldfile.name, getattr(instance, renditions_field)):
                fieldfile.storage.delete(name)
        raise
    if previous and previous[image_field] and previous[image_field] != fieldfile.name:
        delete_files_on_commit(fieldfile.storage, {previous[image_field]: previous[renditions_field]})
