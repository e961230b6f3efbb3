from .articles import Article
from .categories import Category
from .counts import DailyViewCount, ViewCount
from .images import ArticleImage
from .search_entry import SearchEntry

__all__ = [
    "Article",
    "ArticleImage",
    "Category",
    "DailyViewCount",
    "SearchEntry",
    "ViewCount",
]
