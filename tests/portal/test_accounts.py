"""Staff sign-in through allauth, invitations, MFA enforcement, sign out everywhere."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from portal import mail as portal_mail
from portal import roles
from referrals import outbox
from referrals.models import OutboxMessage
from tests.factories.accounts import (
    PASSWORD,
    activate_totp,
    current_totp_code,
    staff_user,
)

pytestmark = pytest.mark.django_db


def sign_in(client, user, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": user.email, "password": password})


def test_staff_sign_in_with_email_lands_in_the_admin(client):
    editor = staff_user(roles.EDITOR)
    response = sign_in(client, editor)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_password_shows_a_linked_error_summary(client):
    editor = staff_user(roles.EDITOR)
    response = sign_in(client, editor, password="not-the-password")
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert 'class="govuk-error-summary' in content
    assert "_auth_user_id" not in client.session


def test_the_admin_login_page_sends_you_to_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"
    # Anonymous visitors to the admin are sent to allauth's sign-in as well.
    response = client.get("/admin/")
    assert response["Location"].startswith("/accounts/login/")


def test_posting_to_the_admin_login_does_not_sign_in(client):
    editor = staff_user(roles.EDITOR)
    client.post("/admin/login/", {"username": editor.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_there_is_no_open_sign_up(client):
    response = client.get(reverse("account_signup"))
    assert "You need an invitation" in response.content.decode()
    client.post(
        reverse("account_signup"),
        {
            "email": "someone@example.com",
            "password1": "a-long-password-1",
            "password2": "a-long-password-1",
        },
    )
    assert not get_user_model().objects.filter(email="someone@example.com").exists()


@pytest.fixture
def administrator(client):
    user = staff_user(roles.ADMINISTRATOR)
    activate_totp(user)
    client.force_login(user)
    return user


def test_an_administrator_invites_staff_who_set_a_password_once(client, administrator):
    response = client.post(
        reverse("portal_invite_staff"),
        {"email": "New.Starter@Council.example", "role": roles.FIRST_CONTACT},
    )
    assert response.status_code == 302
    invitee = get_user_model().objects.get(email="new.starter@council.example")
    assert not invitee.has_usable_password()
    assert list(invitee.groups.values_list("name", flat=True)) == [roles.FIRST_CONTACT]
    assert len(mail.outbox) == 0  # queued with the account, sent by process_outbox
    assert outbox.process()["sent"] == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.starter@council.example"]
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body

    client.logout()
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    set_password_url = (
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1)
    )
    new_password = "a-brand-new-staff-password"  # noqa: S105 - test data
    response = client.post(set_password_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    invitee.refresh_from_db()
    assert invitee.check_password(new_password)
    # The link works once.
    assert "invalid" in client.get(link.group(1), follow=True).content.decode().lower()


def test_a_failing_mail_server_still_creates_the_account(client, administrator, settings):
    settings.EMAIL_BACKEND = "tests.portal.test_accounts.FailingEmailBackend"
    response = client.post(
        reverse("portal_invite_staff"), {"email": "late@council.example", "role": roles.ANALYST}
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="late@council.example").exists()
    assert "is on its way" in client.get(response["Location"]).content.decode()
    outbox.process()  # the mail server is down: the invitation waits for the next try
    invitation = OutboxMessage.objects.get(kind=OutboxMessage.Kind.ACCOUNT_EMAIL)
    assert (invitation.status, invitation.attempts) == (OutboxMessage.Status.PENDING, 1)


def test_without_a_queue_a_failing_mail_server_is_reported(
    client, administrator, settings, monkeypatch
):
    monkeypatch.setattr(portal_mail, "_queue", None)  # as if no app registered the outbox
    settings.EMAIL_BACKEND = "tests.portal.test_accounts.FailingEmailBackend"
    response = client.post(
        reverse("portal_invite_staff"), {"email": "late@council.example", "role": roles.ANALYST}
    )
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="late@council.example").exists()
    assert "could not be sent" in client.get(response["Location"]).content.decode()
    assert not OutboxMessage.objects.exists()


class FailingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def test_inviting_an_existing_email_is_refused(client, administrator):
    existing = staff_user(roles.EDITOR)
    response = client.post(
        reverse("portal_invite_staff"), {"email": existing.email.upper(), "role": roles.EDITOR}
    )
    assert response.status_code == 200
    assert "There is already an account for this email address" in response.content.decode()
    assert len(mail.outbox) == 0


@pytest.mark.parametrize("role", [roles.EDITOR, roles.COORDINATOR, roles.ANALYST])
def test_only_administrators_can_invite(client, role):
    client.force_login(staff_user(role))
    # Wagtail turns "permission denied" into a redirect to the dashboard with a message.
    response = client.get(reverse("portal_invite_staff"))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    response = client.post(
        reverse("portal_invite_staff"), {"email": "x@council.example", "role": role}
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not get_user_model().objects.filter(email="x@council.example").exists()


def test_first_contact_without_mfa_is_sent_to_set_it_up_and_cannot_open_referrals(client):
    first_contact = staff_user(roles.FIRST_CONTACT)
    client.force_login(first_contact)
    for path in ("/admin/", "/admin/referrals/", "/admin/referrals/1/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == reverse("mfa_activate_totp")
    page = client.get(reverse("mfa_activate_totp"), follow=True)
    assert page.status_code == 200
    assert "set up an authenticator app" in page.content.decode()


def test_first_contact_with_mfa_must_enter_a_code_then_reaches_the_admin(client):
    first_contact = staff_user(roles.FIRST_CONTACT)
    secret = activate_totp(first_contact)
    response = sign_in(client, first_contact)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": current_totp_code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert roles.user_has_mfa(first_contact)


def test_an_editor_does_not_need_mfa(client):
    client.force_login(staff_user(roles.EDITOR))
    assert client.get("/admin/").status_code == 200


def test_staff_who_need_mfa_cannot_switch_it_off(client):
    first_contact = staff_user(roles.FIRST_CONTACT)
    activate_totp(first_contact)
    client.force_login(first_contact)
    client.post(reverse("mfa_deactivate_totp"))
    assert roles.user_has_mfa(first_contact)


def test_totp_secrets_are_encrypted_at_rest():
    from allauth.mfa.models import Authenticator

    user = staff_user(roles.FIRST_CONTACT)
    secret = activate_totp(user)
    stored = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]
    assert secret not in stored
    assert stored.startswith("fernet:")


def test_sign_out_everywhere_ends_every_session(client, django_user_model):
    from django.test import Client

    editor = staff_user(roles.EDITOR)
    laptop, phone = client, Client()
    sign_in(laptop, editor)
    sign_in(phone, editor)
    assert phone.get("/admin/").status_code == 200

    assert laptop.get(reverse("portal_sign_out_everywhere")).status_code == 200
    response = laptop.post(reverse("portal_sign_out_everywhere"))
    assert response.status_code == 302
    assert laptop.get("/admin/")["Location"].startswith("/accounts/login/")
    assert phone.get("/admin/")["Location"].startswith("/accounts/login/")


def test_admin_pages_are_never_cached(client):
    client.force_login(staff_user(roles.EDITOR))
    assert "no-store" in client.get("/admin/")["Cache-Control"]


def test_staff_are_told_when_their_password_changes(client):
    editor = staff_user(roles.EDITOR)
    sign_in(client, editor)
    new_password = "another-long-staff-password"  # noqa: S105 - test data
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new_password, "password2": new_password},
    )
    editor.refresh_from_db()
    assert editor.check_password(new_password)
    assert mail.outbox == []  # queued, not sent from the request
    outbox.process()
    assert [message.to for message in mail.outbox] == [[editor.email]]
