from django.urls import path

from . import views
from .delivery.pages import cached_page
from .seo.feeds import LatestArticlesFeed

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("category/<str:slug>/", views.category_detail, name="category"),
    path("articles/<int:pk>/", views.article_detail, name="article-short"),
    path("articles/<int:pk>/<str:slug>/", views.article_detail, name="article"),
    path("articles/<int:pk>/seen.gif", views.article_beacon, name="beacon"),
    path("tags/<str:slug>/", views.tag_detail, name="tag"),
    path("preview/<str:token>/", views.shared_preview, name="shared-preview"),
    path("search/", views.search_results, name="search"),
    path("feed/", cached_page(LatestArticlesFeed()), name="feed"),
]
