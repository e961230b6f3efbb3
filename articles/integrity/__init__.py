"""Keeping content what its editors made it.

- ``sanitize``: the rich-text allowlist, applied on every save.
- ``spam``: injected betting brands and hidden markup (admin warnings, check_integrity).
- ``uploads``: images are real, sane rasters, stored as clean re-encoded copies.
- ``renditions``: the smaller copies of each image, made before the row is saved, and
  every stored file removed once nothing refers to it.
"""
