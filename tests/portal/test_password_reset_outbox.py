"""Finding 8 of #19: a password reset answers the same for a real staff account and an
unknown address, and sends nothing from the request: the email waits in the outbox
(encrypted: the link is a secret) until `process_outbox` sends it."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from portal import mail as portal_mail
from portal import roles
from referrals import outbox
from referrals.models import OutboxMessage
from tests.factories.accounts import staff_user

pytestmark = pytest.mark.django_db
UNKNOWN = "nobody.here@council.example"


def ask_for_reset(client, email):
    return client.post(reverse("account_reset_password"), {"email": email})


def test_a_real_and_an_unknown_address_answer_the_same_and_send_nothing(client):
    editor = staff_user(roles.EDITOR)
    known = ask_for_reset(client, editor.email)
    unknown = ask_for_reset(client, UNKNOWN)
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert mail.outbox == []  # nothing leaves from the request

    message = OutboxMessage.objects.get()  # one for the real account, none for the stranger
    assert message.kind == OutboxMessage.Kind.ACCOUNT_EMAIL and message.referral is None
    stored = json.dumps(message.payload)
    assert editor.email not in stored and "password/reset/key" not in stored
    assert editor.email not in str(message)


def test_process_outbox_sends_the_reset_email_and_its_link_works(client):
    editor = staff_user(roles.EDITOR)
    ask_for_reset(client, editor.email)
    assert outbox.process()["sent"] == 1
    assert [email.to for email in mail.outbox] == [[editor.email]]
    assert mail.outbox[0].subject.startswith("[Signpost] ")
    # Once sent, neither the address nor the link is kept.
    assert OutboxMessage.objects.get().payload == {}

    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link[1]
    new_password = "a-fresh-staff-password-2"  # noqa: S105 - test data
    response = client.post(set_password_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    assert get_user_model().objects.get(pk=editor.pk).check_password(new_password)
    # The "your password was changed" notice goes the same way.
    assert len(mail.outbox) == 1
    outbox.process()
    assert len(mail.outbox) == 2 and mail.outbox[1].to == [editor.email]


def test_without_a_registered_queue_mail_is_sent_at_once(monkeypatch):
    monkeypatch.setattr(portal_mail, "_queue", None)
    assert portal_mail.queue_email("a@council.example", "Subject", "Text", html="<p>Text</p>")
    assert mail.outbox[0].to == ["a@council.example"]
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    assert not OutboxMessage.objects.exists()
