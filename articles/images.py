"""Kept importable: migration 0001 (applied everywhere, never rewritten) names this path."""

from .integrity.uploads import NewsImageField

__all__ = ["NewsImageField"]
