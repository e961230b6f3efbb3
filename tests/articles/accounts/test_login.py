"""Logging in to the admin: lockout after failures, a throttle before the password hash,
a second factor for those who have one and for the roles that must."""

import datetime

import pytest
import time_machine
from django.contrib.auth.backends import ModelBackend
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.workflow.roles import Role
from tests.factories import PASSWORD, make_chief, make_editor

pytestmark = pytest.mark.django_db
LOGIN = reverse("admin:login")
INDEX = reverse("admin:index")


def log_in(client, username, password=PASSWORD, address="203.0.113.5", **extra):
    data = {"username": username, "password": password, "next": INDEX, **extra}
    return client.post(LOGIN, data, REMOTE_ADDR=address)


def logged_in(client):
    return client.get(INDEX).status_code == 200


def current_token(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


def test_the_right_password_logs_in(client):
    make_editor()
    assert log_in(client, "editor").status_code == 302
    assert logged_in(client)


def test_five_failures_lock_the_account_for_that_address_even_with_the_right_password(client, settings):
    make_editor()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "editor", "wrong").status_code == 200
    assert log_in(client, "editor", "wrong").status_code == 429  # the fifth failure locks
    response = log_in(client, "editor")
    assert response.status_code == 429
    assert not logged_in(client)
    # Another worker or node sees the same lockout: it is kept in the database.
    assert log_in(client.__class__(), "editor").status_code == 429
    # Someone else, elsewhere, is not locked out of their own account.
    assert log_in(client.__class__(), "editor", address="198.51.100.1").status_code == 302


def test_many_attempts_from_one_address_are_refused_before_any_password_is_hashed(
    client, settings, monkeypatch
):
    settings.NEWSROOM_LOGIN_ATTEMPTS_PER_MINUTE = 4
    hashed = []
    real_authenticate = ModelBackend.authenticate

    def counting_authenticate(self, request, **credentials):
        hashed.append(credentials.get("username"))
        return real_authenticate(self, request, **credentials)

    monkeypatch.setattr(ModelBackend, "authenticate", counting_authenticate)
    statuses = [log_in(client, f"guess{n}", "wrong").status_code for n in range(6)]
    assert statuses == [200, 200, 200, 200, 429, 429]
    assert hashed == ["guess0", "guess1", "guess2", "guess3"]
    assert log_in(client, "guess9", "wrong", address="198.51.100.1").status_code == 200


def test_a_user_with_an_authenticator_needs_its_code(client):
    editor = make_editor()
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    response = log_in(client, "editor")
    assert response.status_code == 200
    assert not logged_in(client)
    log_in(client, "editor", otp_token="000000")
    assert not logged_in(client)
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5)):  # past the throttle
        log_in(client, "editor", otp_token=current_token(device))
        assert logged_in(client)


def test_a_role_that_must_use_a_second_factor_sets_one_up_before_anything_else(client, settings):
    settings.NEWSROOM_TWO_FACTOR_ROLES = [Role.CHIEF]
    make_chief()
    assert log_in(client, "chief").status_code == 302
    setup = reverse("admin:two-factor-setup")
    assert client.get(INDEX).url == setup
    assert client.get(reverse("admin:articles_article_changelist")).url == setup
    page = client.get(setup)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code, drawn on the server
    device = TOTPDevice.objects.get(user__username="chief", confirmed=False)
    assert client.post(setup, {"token": "000000"}).status_code == 200
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=5)):  # past the throttle
        response = client.post(setup, {"token": current_token(device)})
        assert response.url == INDEX
        assert TOTPDevice.objects.get(pk=device.pk).confirmed
        assert logged_in(client)


def test_roles_not_named_log_in_with_a_password_alone(client, settings):
    settings.NEWSROOM_TWO_FACTOR_ROLES = [Role.CHIEF]
    make_editor()
    log_in(client, "editor")
    assert logged_in(client)
