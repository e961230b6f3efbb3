from .articles import Article
from .categories import Category
from .images import ArticleImage
from .search import SearchEntry
from .views import DailyViewCount, ViewCount

__all__ = [
    "Article",
    "ArticleImage",
    "Category",
    "DailyViewCount",
    "SearchEntry",
    "ViewCount",
]
