"""The image library's concern: figures in article bodies, the chooser's search, legacy markers.

``NewsImageField`` stays importable here: migration 0001 (applied everywhere, never
rewritten) names ``articles.images.NewsImageField``.
"""

from ..integrity.uploads import NewsImageField

__all__ = ["NewsImageField"]
