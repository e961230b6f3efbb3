from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    """Django's admin, on Newsroom's site (articles/accounts/site.py)."""

    default_site = "articles.accounts.site.NewsroomAdminSite"
