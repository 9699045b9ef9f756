"""send_review_reminders: one digest per coordinator, overdue live listings only."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from tests.factories.directory import (
    AreaFactory,
    LocalAreaCoordinatorFactory,
    LocationFactory,
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
    out = StringIO()
    call_command("send_review_reminders", *args, stdout=out)
    return out.getvalue()


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
    assert sam.subject == "2 listings due for review"
    assert "Walkley Knit and Natter" in sam.body
    assert "Walkley Lunch Club" in sam.body
    assert "Checked last month" not in sam.body
    assert "Draft overdue" not in sam.body
    assert "Curated listing" not in sam.body  # goes to its curator instead
    assert "/admin/snippets/directory/service/edit/" in sam.body
    assert by_recipient["curator@signpost.example"].subject == "1 listing due for review"
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
