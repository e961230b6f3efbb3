"""Image uploads: refuse what is not a sane raster image, store a clean re-encoded copy.

The copy is stored under a random name (never the uploader's: drafts' images must not
be guessable, and a name of 99 four-byte characters or only emoji must not break the
save), at most NEWSROOM_MAX_IMAGE_WIDTH wide; JPEGs that large are decoded at reduced
scale, so a 40-megapixel photo never sits in a worker's memory at full size.
"""

import io
import math
import secrets
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

# A camera JPEG carrying a preview (MPF) opens as "MPO"; its first frame is the photo.
ALLOWED_FORMATS = ["JPEG", "PNG", "GIF", "WEBP"]
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


def stored_format(image):
    return "JPEG" if image.format == "MPO" else image.format


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
        if image.format != "MPO" and getattr(image, "n_frames", 1) > 1:
            raise ValidationError(
                _(
                    "This image is animated (%(frames)s frames). Newsroom shows still images: "
                    "upload one frame as a PNG or JPEG."
                )
                % {"frames": image.n_frames},
                code="animated",
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


def clean_copy(file):
    """Re-encode under a random name: rotate by EXIF, then drop EXIF (GPS) and anything
    appended after the image data; no wider than NEWSROOM_MAX_IMAGE_WIDTH."""
    image = _open(file)
    image_format = stored_format(image)
    scale = settings.NEWSROOM_MAX_IMAGE_WIDTH / _shown_width(image)
    if scale < 1:
        image.draft(None, (math.ceil(image.width * scale), math.ceil(image.height * scale)))  # JPEG only
    image = ImageOps.exif_transpose(image)
    if image.width > settings.NEWSROOM_MAX_IMAGE_WIDTH:
        height = max(1, round(image.height * settings.NEWSROOM_MAX_IMAGE_WIDTH / image.width))
        image = image.resize((settings.NEWSROOM_MAX_IMAGE_WIDTH, height), Image.Resampling.LANCZOS)
    if image_format == "JPEG" and image.mode not in {"RGB", "L"}:
        image = image.convert("RGB")
    buffer = io.BytesIO()
    options = {
        "JPEG": {"quality": 88, "optimize": True},
        "PNG": {"optimize": True},
        "WEBP": {"quality": 85},
    }
    image.save(buffer, format=image_format, **options.get(image_format, {}))
    return ContentFile(buffer.getvalue(), name=f"{secrets.token_urlsafe(16)}.{EXTENSIONS[image_format]}")


def _shown_width(image):
    """The width after EXIF rotation (orientations 5–8 turn the image on its side)."""
    orientation = image.getexif().get(0x0112, 1)
    return image.height if orientation in {5, 6, 7, 8} else image.width


class ImageUploadFormField(forms.ImageField):
    """Django's image field, with our limits checked first so their message is the one shown.

    No limit on the uploaded file's name: it is never stored (see ``clean_copy``).
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.max_length = None

    def to_python(self, data):
        if data is not None and not getattr(data, "_committed", False):
            validate_image_upload(data)
        return super().to_python(data)


class NewsImageField(models.ImageField):
    """An image column whose uploads are validated (validate_image_upload) and stored cleaned (store_clean_copy)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ImageUploadFormField, **kwargs})
