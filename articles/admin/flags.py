from django.contrib import admin

from ..models import ArticleFlag


class ArticleFlagInline(admin.TabularInline):
    """置顶 / 推荐 / 头条 on the article form, for roles with the placement permissions (editors up)."""

    model = ArticleFlag
    extra = 0
    fields = ["kind", "order", "ends_at"]
