"""Liveness (/healthz, for a load balancer) is split from the staff status page: a mail outage
shows on the status page and never takes a node out. Dead messages can be sent again."""

import json
import logging
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from referrals.models import OutboxMessage
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
