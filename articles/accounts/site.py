"""The editors' admin site: Django's, with the login form and the second-factor gate of two_factor.py."""

from functools import update_wrapper

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import two_factor


class NewsroomAdminSite(admin.AdminSite):
    site_header = site_title = _("Newsroom editing")
    index_title = _("Publish and manage news")
    index_template = "admin/newsroom_index.html"  # adds each user's queue
    login_form = two_factor.LoginForm
    login_template = "admin/newsroom_login.html"

    def has_permission(self, request):
        return super().has_permission(request) and not two_factor.second_factor_missing(request.user)

    def admin_view(self, view, cacheable=False):
        protected = super().admin_view(view, cacheable)

        def gate(request, *args, **kwargs):
            # Logged in but short of the second factor: to setup, not back to the login page.
            if (
                request.user.is_active
                and request.user.is_staff
                and two_factor.second_factor_missing(request.user)
            ):
                return redirect("admin:two-factor-setup")
            return protected(request, *args, **kwargs)

        return update_wrapper(gate, view)

    def get_urls(self):
        setup = path("two-factor/", lambda request: two_factor.setup(request, self), name="two-factor-setup")
        return [setup, *super().get_urls()]
