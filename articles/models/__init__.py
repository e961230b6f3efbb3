from .articles import Article
from .audit import AuditEntry
from .categories import Category
from .counts import DailyViewCount, ViewCount
from .findings import IntegrityFinding
from .flags import ArticleFlag
from .images import Figure, Image, TaggedImage
from .imports import ImportedItem
from .revisions import Revision
from .search_entry import SearchEntry
from .slugs import FormerSlug

__all__ = [
    "Article",
    "ArticleFlag",
    "AuditEntry",
    "Category",
    "DailyViewCount",
    "Figure",
    "FormerSlug",
    "Image",
    "ImportedItem",
    "IntegrityFinding",
    "Revision",
    "SearchEntry",
    "TaggedImage",
    "ViewCount",
]
