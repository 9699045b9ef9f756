"""Liveness (/healthz, for a load balancer) is split from the staff status page: a mail outage
shows on the status page and never takes a node out. Dead messages can be sent again, by
command or by an Administrator's button on the status page."""

import json
import logging
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from portal import roles
from referrals.models import OutboxMessage
from tests.factories.accounts import activate_totp, staff_user
from tests.factories.referrals import StaffFactory, referral

pytestmark = pytest.mark.django_db
FAILING = "tests.referrals.backends.FailingBackend"


@pytest.fixture
def dead_messages(settings):
    made = referral()
    OutboxMessage.objects.filter(referral=made).update(
        status=OutboxMessage.Status.DEAD, attempts=8, last_error="SMTPServerDisconnected"
    )
    return OutboxMessage.objects.filter(referral=made)


def test_dead_outbox_messages_do_not_fail_liveness(client, dead_messages):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert set(json.loads(response.content)["checks"]) == {"database", "database_writable"}


def test_the_status_page_shows_every_dependency_to_staff(client, dead_messages):
    staff = StaffFactory(with_mfa=False)  # any member of staff who can use the admin
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    response = client.get(reverse("portal_status"))
    assert response.status_code == 200
    page = response.content.decode()
    for part in ("Database", "Cache", "Outbox", "Search"):
        assert f'<th scope="row">{part}</th>' in page
    assert f"{dead_messages.count()} dead" in page and "Needs attention" in page


def test_the_status_page_is_for_staff_only(client):
    response = client.get(reverse("portal_status"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_retry_dead_sends_them_again_and_runs_warn_while_any_are_dead(
    settings, dead_messages, caplog
):
    settings.EMAIL_BACKEND = FAILING
    with caplog.at_level(logging.WARNING, logger="referrals.outbox"):
        call_command("process_outbox", stdout=StringIO())
    assert "dead messages need attention" in caplog.text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = StringIO()
    call_command("process_outbox", "--retry-dead", stdout=out)
    assert f"{dead_messages.count()} dead messages queued again" in out.getvalue()
    assert set(dead_messages.values_list("status", flat=True)) == {OutboxMessage.Status.SENT}
    assert len(mail.outbox) == dead_messages.filter(kind__endswith="_email").count()


def retry_url():
    return reverse("portal_status_action", args=["retry-dead-outbox"])


def dead_statuses(messages):
    return set(messages.values_list("status", flat=True))


def test_an_administrator_retries_dead_messages_from_the_status_page(client, dead_messages, caplog):
    administrator = staff_user(roles.ADMINISTRATOR)
    activate_totp(administrator)
    client.force_login(administrator)
    assert "Retry dead messages" in client.get(reverse("portal_status")).content.decode()
    count = dead_messages.count()
    with caplog.at_level(logging.INFO, logger="portal.status"):
        response = client.post(retry_url(), follow=True)
    assert response.redirect_chain[-1][0] == reverse("portal_status")
    said = f"{count} message will be retried" if count == 1 else f"{count} messages will be retried"
    assert said in response.content.decode()
    assert dead_statuses(dead_messages) == {OutboxMessage.Status.PENDING}
    assert set(dead_messages.values_list("attempts", flat=True)) == {0}
    audit = [r.getMessage() for r in caplog.records if r.name == "portal.status"]
    assert audit == [f"Status action retry-dead-outbox by user {administrator.pk}: {count}"]


def test_an_editor_cannot_retry_dead_messages(client, dead_messages):
    client.force_login(staff_user(roles.EDITOR))
    assert "Retry dead messages" not in client.get(reverse("portal_status")).content.decode()
    response = client.post(retry_url())
    # Wagtail turns "permission denied" into a redirect to the dashboard with a message.
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert dead_statuses(dead_messages) == {OutboxMessage.Status.DEAD}


def test_retrying_needs_a_post_with_a_csrf_token(dead_messages):
    administrator = staff_user(roles.ADMINISTRATOR)
    activate_totp(administrator)
    client = Client(enforce_csrf_checks=True)
    client.force_login(administrator)
    assert client.get(retry_url()).status_code == 405
    assert client.post(retry_url()).status_code == 403  # no CSRF token
    assert dead_statuses(dead_messages) == {OutboxMessage.Status.DEAD}
