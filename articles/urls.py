from django.urls import path, register_converter

from . import views
from .delivery.pages import cached_page
from .seo import share
from .seo.feeds import CategoryFeed, LatestArticlesFeed, TagFeed, atom

app_name = "articles"


class TextConverter:
    """A URL segment as ``str`` matches it, minus control characters (NUL is a 500 on PostgreSQL)."""

    regex = "[^/\x00-\x1f\x7f]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TextConverter, "text")

urlpatterns = [
    path("", views.home, name="home"),
    path("category/<text:slug>/", views.category_detail, name="category"),
    path("category/<text:slug>/feed/", cached_page(CategoryFeed()), name="category-feed"),
    path("category/<text:slug>/atom/", cached_page(atom(CategoryFeed)()), name="category-atom"),
    path("articles/<int:pk>/", views.article_detail, name="article-short"),
    path("articles/<int:pk>/<text:slug>/", views.article_detail, name="article"),
    path("articles/<int:pk>/seen.gif", views.article_beacon, name="beacon"),
    path("articles/<int:pk>/qr.png", share.article_qr, name="qr"),
    path("tags/<text:slug>/", views.tag_detail, name="tag"),
    path("tags/<text:slug>/feed/", cached_page(TagFeed()), name="tag-feed"),
    path("tags/<text:slug>/atom/", cached_page(atom(TagFeed)()), name="tag-atom"),
    path("preview/<text:token>/", views.shared_preview, name="shared-preview"),
    path("search/", views.search_results, name="search"),
    path("feed/", cached_page(LatestArticlesFeed()), name="feed"),
    path("feed/atom/", cached_page(atom(LatestArticlesFeed)()), name="atom"),
]
