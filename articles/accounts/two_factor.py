"""A second factor (TOTP, django-otp): for anyone who set one up, required for chosen roles.

The login form asks for the authenticator's code when the account has one. Roles in
NEWSROOM_TWO_FACTOR_ROLES (e.g. chief editors and site admins) cannot use the admin
until they have set one up on the setup page, whose QR code is drawn on the server.
"""

import segno
from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..workflow.roles import GROUP_NAMES


def must_use_second_factor(user):
    required = {GROUP_NAMES[role] for role in settings.NEWSROOM_TWO_FACTOR_ROLES}
    return bool(required) and user.groups.filter(name__in=required).exists()


def second_factor_missing(user):
    """A staff member who must pass a second factor and has not, in this session."""
    if not user.is_authenticated or user.is_verified():
        return False
    if not hasattr(user, "_second_factor_missing"):  # asked several times per admin request
        user._second_factor_missing = user_has_device(user) or must_use_second_factor(user)
    return user._second_factor_missing


class LoginForm(OTPAuthenticationFormMixin, AdminAuthenticationForm):
    """The admin's login: username and password, and the authenticator's code if the account has one."""

    otp_token = forms.CharField(
        label=_("Authenticator code (if you have set one up)"),
        required=False,
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and user_has_device(user):
            if not cleaned_data.get("otp_device"):  # one authenticator each: no need to choose
                cleaned_data["otp_device"] = (
                    TOTPDevice.objects.filter(user=user, confirmed=True).first().persistent_id
                )
            self.clean_otp(user)
        return cleaned_data


class SetupForm(forms.Form):
    token = forms.CharField(
        label=_("Code shown by the authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, device, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        if not self.device.verify_token(self.cleaned_data["token"].strip()):
            raise forms.ValidationError(
                _("That code is not right. Codes change every 30 seconds."), code="invalid"
            )
        return self.cleaned_data["token"]


@never_cache
def setup(request, admin_site):
    """Set up (or, for an account that has one, confirm) the authenticator for this session."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return redirect(f"{reverse('admin:login')}?{REDIRECT_FIELD_NAME}={request.path}")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    new = device is None
    if new:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name=_("Authenticator app"), confirmed=False
        )
    form = SetupForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect("admin:index")
    context = {
        **admin_site.each_context(request),
        "title": _("Two-step verification"),
        "form": form,
        "new": new,
        "qr": mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=4)) if new else "",
        "secret": device.config_url.split("secret=", 1)[1].split("&", 1)[0] if new else "",
    }
    return render(request, "admin/two_factor_setup.html", context)
