from .articles import Article
from .audit import AuditEntry
from .categories import Category
from .counts import DailyViewCount, ViewCount
from .findings import IntegrityFinding
from .flags import ArticleFlag
from .images import ArticleImage
from .revisions import Revision
from .search_entry import SearchEntry

__all__ = [
    "Article",
    "ArticleFlag",
    "AuditEntry",
    "ArticleImage",
    "Category",
    "DailyViewCount",
    "IntegrityFinding",
    "Revision",
    "SearchEntry",
    "ViewCount",
]
