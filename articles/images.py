"""Image uploads: refuse what is not a sane raster image, store a clean re-encoded copy."""

import io
import warnings
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

ALLOWED_FORMATS = ["JPEG", "PNG", "GIF", "WEBP"]
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


def _open(file):
    file.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        return Image.open(file, formats=ALLOWED_FORMATS)


def validate_image_upload(fieldfile):
    """Form validator: a real JPEG/PNG/GIF/WebP of sane byte size and pixel count."""
    file = getattr(fieldfile, "file", fieldfile)
    if getattr(fieldfile, "_committed", False):
        return  # already stored and validated when it was uploaded
    size = getattr(file, "size", None) or getattr(fieldfile, "size", 0)
    if size > settings.NEWSROOM_MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The image is %(size)s; the limit is %(limit)s.")
            % {
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.NEWSROOM_MAX_IMAGE_BYTES),
            },
            code="too_large",
        )
    try:
        image = _open(file)
        width, height = image.size
        if width * height > settings.NEWSROOM_MAX_IMAGE_PIXELS:
            raise ValidationError(
                _("The image is %(width)s×%(height)s pixels; the limit is %(limit)s million pixels.")
                % {
                    "width": width,
                    "height": height,
                    "limit": settings.NEWSROOM_MAX_IMAGE_PIXELS // 1_000_000,
                },
                code="too_many_pixels",
            )
        image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("The image decodes to far too many pixels."), code="bomb") from None
    except Exception:  # Pillow raises many kinds of error for broken files
        raise ValidationError(
            _("Upload a JPEG, PNG, GIF or WebP image. The file is not one, or it is damaged."),
            code="invalid_image",
        ) from None
    finally:
        file.seek(0)


def clean_copy(file, name):
    """Re-encode: rotate by EXIF, then drop EXIF (GPS) and anything appended after the image data."""
    image = _open(file)
    image_format = image.format
    image = ImageOps.exif_transpose(image)
    if image_format == "JPEG" and image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    buffer = io.BytesIO()
    options = {
        "JPEG": {"quality": 88, "optimize": True},
        "PNG": {"optimize": True},
        "WEBP": {"quality": 85},
    }
    image.save(buffer, format=image_format, **options.get(image_format, {}))
    stem = PurePath(name).stem[:80] or "image"
    return ContentFile(buffer.getvalue(), name=f"{stem}.{EXTENSIONS[image_format]}")


def store_clean_copy(instance, field_name):
    """Before a model saves, swap a freshly uploaded image for its clean copy (and its real size)."""
    fieldfile = getattr(instance, field_name)
    if fieldfile and not fieldfile._committed:
        fieldfile.file = clean_copy(fieldfile.file, fieldfile.name)
        fieldfile.name = fieldfile.file.name
        instance._meta.get_field(field_name).update_dimension_fields(instance, force=True)


class ImageUploadFormField(forms.ImageField):
    """Django's image field, with our limits checked first so their message is the one shown."""

    def to_python(self, data):
        if data is not None and not getattr(data, "_committed", False):
            validate_image_upload(data)
        return super().to_python(data)


class NewsImageField(models.ImageField):
    """An image column whose uploads are validated (validate_image_upload) and stored cleaned (store_clean_copy)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadFormField, **kwargs})


RENDITION_WIDTHS = (320, 640, 960, 1280, 1920)


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
    """Store smaller copies (and WebP at every width) once; returns what <picture> needs."""
    storage = fieldfile.storage
    with fieldfile.open("rb") as file:
        image = Image.open(file)
        image.load()
    image_format = image.format
    stem = str(PurePath(fieldfile.name).with_suffix(""))
    widths = [width for width in RENDITION_WIDTHS if width < image.width] + [image.width]
    renditions = []
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        webp = storage.save(f"renditions/{stem}-{width}w.webp", _encode(resized, "WEBP"))
        if width == image.width:
            fallback = fieldfile.name
        else:
            fallback = storage.save(
                f"renditions/{stem}-{width}w.{EXTENSIONS[image_format]}", _encode(resized, image_format)
            )
        renditions.append({"width": width, "height": height, "webp": webp, "fallback": fallback})
    return renditions


def save_with_renditions(instance, save, image_field, renditions_field, *args, **kwargs):
    """Save a model, re-encoding a new upload first and making its renditions after it is stored."""
    fieldfile = getattr(instance, image_field)
    uploaded = bool(fieldfile) and not fieldfile._committed
    store_clean_copy(instance, image_field)
    if not fieldfile:
        setattr(instance, renditions_field, [])
    save(*args, **kwargs)
    if uploaded:
        setattr(instance, renditions_field, make_renditions(getattr(instance, image_field)))
        type(instance).objects.filter(pk=instance.pk).update(
            **{renditions_field: getattr(instance, renditions_field)}
        )
