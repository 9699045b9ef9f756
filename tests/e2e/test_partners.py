"""Partners in the loop (#23): a Carers Centre worker signs in, sees only the referrals routed
to the Carers Centre, declines one with a reason (it goes back to First Contact, flagged),
accepts another and closes it; the person who referred gets one email for each, through the
outbox.

Its own module because the staff user and referrals must be committed for the live server
to see them: the test is transactional (see test_staff_journey.py).
"""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from referrals.choices import HandoverState, Team
from referrals.models import OutboxMessage, Partner, Referral
from tests.e2e.browser import screenshot
from tests.factories.accounts import (
    PASSWORD,
    StaffUserFactory,
    activate_totp,
    current_totp_code,
)
from tests.factories.referrals import referral, role_group

ACCEPTED, CLOSED = OutboxMessage.Kind.REFERRER_ACCEPTED, OutboxMessage.Kind.REFERRER_CLOSED


def sign_in(page_at, user, secret):
    page = page_at("/admin/referrals/", status=None)
    page.wait_for_url("**/accounts/login/**")
    page.locator('[name="login"]').fill(user.email)
    page.locator('[name="password"]').fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator('[name="code"]').fill(current_totp_code(secret))
    page.locator("form[method=post] button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/referrals/$"))
    return page


@pytest.mark.django_db(transaction=True)
def test_carers_centre_declines_one_and_accepts_and_closes_another(page_at, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    carers_centre, _created = Partner.objects.get_or_create(
        team=Team.CARERS_CENTRE, defaults={"name": "Carers Centre"}
    )
    worker = StaffUserFactory(email="carers.centre@carers.example")
    worker.groups.add(role_group("Carers Centre"))
    carers_centre.members.add(worker)
    secret = activate_totp(worker)
    declined, accepted = referral(filled_in_by="carer"), referral(filled_in_by="carer")
    first_contacts = referral()
    assert declined.handover == accepted.handover == HandoverState.WAITING

    page = sign_in(page_at, worker, secret)
    listed = set(re.findall(r"SP-[0-9A-Z]{4}-[0-9A-Z]{2}", page.locator("main").inner_text()))
    assert {declined.reference, accepted.reference} <= listed
    assert first_contacts.reference not in listed
    assert set(Referral.objects.filter(reference__in=listed).values_list("team", flat=True)) == {
        Team.CARERS_CENTRE
    }, "only referrals routed to the Carers Centre"
    assert "Waiting: Carers Centre" in page.content()

    # Decline one, with a reason: it goes back to First Contact.
    page.get_by_role("link", name=declined.reference).click()
    page.wait_for_url(re.compile(rf"/admin/referrals/{declined.pk}/$"))
    page.set_viewport_size({"width": 320, "height": 900})
    page.locator("#partner").scroll_into_view_if_needed()
    screenshot(page, "partners-waiting")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Decline referral").click()  # no reason: an error
    page.get_by_text("Choose why you are declining the referral").first.wait_for()
    page.get_by_label("Outside our area").check()
    page.get_by_label("Anything First Contact should know (optional)").fill("Lives in Rotherham")
    screenshot(page, "partners-decline")
    page.get_by_role("button", name="Decline referral").click()
    page.wait_for_url(re.compile(r"/admin/referrals/$"))
    page.get_by_text("It has gone back to First Contact").first.wait_for()
    assert declined.reference not in page.locator("main table").inner_text()
    for width in (320, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        screenshot(page, "partners-queue")
    declined.refresh_from_db()
    assert (declined.team, declined.handover) == (Team.FIRST_CONTACT, HandoverState.DECLINED)

    # Accept the other and close it.
    page.get_by_role("link", name=accepted.reference).click()
    page.wait_for_url(re.compile(rf"/admin/referrals/{accepted.pk}/$"))
    page.get_by_role("button", name="Accept referral").click()
    page.get_by_text(f"Referral {accepted.reference} accepted.").first.wait_for()
    page.get_by_label("Status").select_option("closed")
    page.get_by_label("Outcome").select_option("carers_centre")
    page.get_by_role("button", name="Update status").click()
    page.get_by_text("Saved.").first.wait_for()
    screenshot(page, "partners-accepted-closed")
    accepted.refresh_from_db()
    assert (accepted.handover, accepted.status) == (HandoverState.ACCEPTED, "closed")

    messages = OutboxMessage.objects.filter(referral=accepted, kind__in=[ACCEPTED, CLOSED])
    assert sorted(messages.values_list("kind", flat=True)) == [ACCEPTED, CLOSED]
    assert not OutboxMessage.objects.filter(referral=declined, kind__in=[ACCEPTED, CLOSED])
    mail.outbox.clear()
    call_command("process_outbox", verbosity=0)
    told = [email for email in mail.outbox if email.to == ["margaret@example.com"]]
    assert len(told) == 2 and all(accepted.reference in email.body for email in told)
    assert all(message.status == "sent" for message in messages.all())
