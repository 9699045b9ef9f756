"""send_review_reminders: one digest per coordinator (or provider), overdue live listings
only, queued in the outbox with a "still correct" and a "something has changed" link for
each listing."""

import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from directory.models import ProviderMembership, ReviewLink
from referrals import outbox
from referrals.models import OutboxMessage
from tests.factories.directory import (
    AreaFactory,
    LocalAreaCoordinatorFactory,
    LocationFactory,
    OrganisationFactory,
    PatchFactory,
    ServiceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.date(2024, 1, 1)


@pytest.fixture
def patch_with_coordinator():
    ward = AreaFactory(name="Walkley")
    patch = PatchFactory(name="West", wards=[ward])
    coordinator = LocalAreaCoordinatorFactory(
        name="Sam Coordinator", user=UserFactory(email="sam@signpost.example")
    )
    coordinator.patches.set([patch])
    return ward, coordinator


def run(*args):
    """Run the command, then send what it queued (nothing leaves from the command itself)."""
    out = StringIO()
    call_command("send_review_reminders", *args, stdout=out)
    assert mail.outbox == []
    outbox.process()
    return out.getvalue()


LINK = re.compile(r"http://testserver(/listings/(still-correct|something-changed)/[^/\s]+/)")


def test_coordinators_get_one_digest_of_their_overdue_listings(patch_with_coordinator):
    ward, coordinator = patch_with_coordinator
    location = LocationFactory(postcode="", area=ward)
    ServiceFactory(name="Walkley Knit and Natter", review_due=LONG_AGO, location=location)
    ServiceFactory(name="Walkley Lunch Club", review_due=LONG_AGO, location=location)
    ServiceFactory(name="Checked last month", location=location)
    ServiceFactory(name="Draft overdue", review_due=LONG_AGO, live=False, location=location)
    curator = UserFactory(email="curator@signpost.example", first_name="Cat")
    ServiceFactory(name="Curated listing", review_due=LONG_AGO, curator=curator, location=location)
    ServiceFactory(name="Nobody's listing", review_due=LONG_AGO)

    output = run()

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"sam@signpost.example", "curator@signpost.example"}
    sam = by_recipient["sam@signpost.example"]
    assert sam.subject.endswith("2 listings due for review")
    assert "Walkley Knit and Natter" in sam.body
    assert "Walkley Lunch Club" in sam.body
    assert "Checked last month" not in sam.body
    assert "Draft overdue" not in sam.body
    assert "Curated listing" not in sam.body  # goes to its curator instead
    assert "/admin/snippets/directory/service/edit/" in sam.body
    assert by_recipient["curator@signpost.example"].subject.endswith("1 listing due for review")
    # Each listing in a coordinator's digest has its own pair of links.
    assert len(LINK.findall(sam.body)) == 4
    assert ReviewLink.objects.filter(sent_to="coordinator").count() == 6
    assert "1 overdue listing(s) have no curator or coordinator" in output
    assert "2 digest(s) sent for 3 overdue listing(s)" in output


def test_dry_run_sends_nothing(patch_with_coordinator):
    ward, _ = patch_with_coordinator
    ServiceFactory(review_due=LONG_AGO, location=LocationFactory(postcode="", area=ward))
    output = run("--dry-run")
    assert mail.outbox == []
    assert "would email sam@signpost.example: 1 listing(s)" in output


def test_inactive_coordinators_are_not_emailed(patch_with_coordinator):
    ward, coordinator = patch_with_coordinator
    coordinator.is_active = False
    coordinator.save()
    ServiceFactory(review_due=LONG_AGO, location=LocationFactory(postcode="", area=ward))
    run()
    assert mail.outbox == []


def test_providers_get_the_reminder_for_their_organisations_listings(patch_with_coordinator):
    ward, _ = patch_with_coordinator
    organisation = OrganisationFactory(name="Walkley Community Centre")
    provider = UserFactory(email="pat@walkley.example", first_name="Pat", last_name="Provider")
    ProviderMembership.objects.create(user=provider, organisation=organisation)
    location = LocationFactory(postcode="", area=ward)
    ServiceFactory(
        name="Walkley Lunch Club", organisation=organisation, review_due=LONG_AGO, location=location
    )
    ServiceFactory(name="Other group", review_due=LONG_AGO, location=location)

    run()

    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {"pat@walkley.example", "sam@signpost.example"}
    provider_email = by_recipient["pat@walkley.example"]
    assert provider_email.body.startswith("Hello Pat Provider,")
    assert "Walkley Lunch Club" in provider_email.body
    assert "Other group" not in provider_email.body
    assert "/admin/" not in provider_email.body  # providers don't edit in the admin
    links = LINK.findall(provider_email.body)
    assert [kind for _, kind in links] == ["still-correct", "something-changed"]
    assert "@" not in links[0][0] and "walkley" not in links[0][0].lower()  # nothing personal
    # The coordinator hears of their own listing only, not the provider's.
    assert "Walkley Lunch Club" not in by_recipient["sam@signpost.example"].body
    provider_links = ReviewLink.objects.filter(sent_to="provider")
    assert {link.action for link in provider_links} == {"confirm", "change"}
    assert {link.service.name for link in provider_links} == {"Walkley Lunch Club"}
    expires = datetime.timedelta(days=28)
    for link in provider_links:
        assert abs(link.expires_at - link.created_at - expires) < datetime.timedelta(minutes=1)


def test_a_second_run_on_the_same_day_queues_nothing_more(patch_with_coordinator):
    ward, _ = patch_with_coordinator
    ServiceFactory(review_due=LONG_AGO, location=LocationFactory(postcode="", area=ward))
    call_command("send_review_reminders", stdout=StringIO())
    call_command("send_review_reminders", stdout=StringIO())
    message = OutboxMessage.objects.get()
    assert "sam@signpost.example" not in message.idempotency_key
