"""Staff sign-in (#22, item 5): one password prompt before setting up an authenticator app,
and "Remember this device" never offered to, or honoured for, staff who can see referrals."""

import pytest
from django.test import override_settings
from django.urls import reverse

from portal import roles
from tests.factories.accounts import PASSWORD, activate_totp, current_totp_code, staff_user

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def test_a_referral_role_without_an_app_types_the_password_once_then_sets_up_mfa(client):
    first_contact = staff_user(roles.FIRST_CONTACT)
    response = sign_in(client, first_contact)
    assert response.status_code == 302
    response = client.get(response["Location"])  # /admin/, which sends them to set up MFA
    assert response["Location"] == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp"))
    # The set-up page itself, with its QR code: not allauth's "enter your password" page.
    assert page.status_code == 200
    assert page.templates[0].name.startswith("mfa/totp/activate_form")
    assert 'name="password"' not in page.content.decode()


def test_the_sign_in_password_stops_counting_as_fresh_after_the_timeout(client, monkeypatch):
    import time

    first_contact = staff_user(roles.FIRST_CONTACT)
    sign_in(client, first_contact)
    signed_in_at = time.time()
    monkeypatch.setattr(time, "time", lambda: signed_in_at + 301)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_without_signing_in_by_password_the_set_up_asks_for_it(client):
    # A session that never typed the password here (signed in some other way) is still asked.
    client.force_login(staff_user(roles.FIRST_CONTACT))
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def complete_code(client, secret):
    return client.post(reverse("mfa_authenticate"), {"code": current_totp_code(secret)})


@override_settings(MFA_TRUST_ENABLED=True, ROOT_URLCONF="tests.portal.trust_urls")
def test_remember_this_device_is_offered_to_an_editor_when_trust_is_on(client):
    editor = staff_user(roles.EDITOR)
    secret = activate_totp(editor)
    assert sign_in(client, editor)["Location"] == reverse("mfa_authenticate")
    response = complete_code(client, secret)
    assert response["Location"] == reverse("mfa_trust")
    response = client.post(reverse("mfa_trust"), {"action": "trust"})
    assert "_auth_user_id" in client.session
    client.post(reverse("account_logout"))  # signs out, keeping the browser's cookies
    assert "_auth_user_id" not in client.session
    # The trusted browser skips the code next time.
    response = sign_in(client, editor)
    assert response["Location"] == "/admin/"
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("role", [roles.FIRST_CONTACT, roles.CARERS_CENTRE, roles.ADMINISTRATOR])
@override_settings(MFA_TRUST_ENABLED=True, ROOT_URLCONF="tests.portal.trust_urls")
def test_remember_this_device_is_never_offered_to_referral_roles(client, role):
    user = staff_user(role)
    secret = activate_totp(user)
    assert sign_in(client, user)["Location"] == reverse("mfa_authenticate")
    response = complete_code(client, secret)
    assert response.status_code == 302
    assert response["Location"] != reverse("mfa_trust")
    assert "_auth_user_id" in client.session
    assert client.get("/admin/").status_code == 200


@override_settings(MFA_TRUST_ENABLED=True, ROOT_URLCONF="tests.portal.trust_urls")
def test_a_browser_trusted_before_gaining_referral_access_still_asks_for_the_code(client):
    from django.contrib.auth.models import Group

    editor = staff_user(roles.EDITOR)
    secret = activate_totp(editor)
    sign_in(client, editor)
    complete_code(client, secret)
    client.post(reverse("mfa_trust"), {"action": "trust"})
    client.post(reverse("account_logout"))
    editor.groups.add(Group.objects.get(name=roles.FIRST_CONTACT))  # now sees referrals

    response = sign_in(client, editor)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
