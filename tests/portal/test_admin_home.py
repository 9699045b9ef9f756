"""The admin home says what needs doing (#22, item 4): each role sees the counts of its own
work, each linking to the list it counts, and nothing it may not see."""

import datetime
import html
import re

import pytest
from django.utils import timezone

from directory.models import ChangeSuggestion, LocalAreaCoordinator
from portal import roles
from portal.models import ServiceFeedback
from referrals.choices import FilledInBy, Status
from referrals.models import Referral
from referrals.services import submit_referral
from tests.factories.accounts import activate_totp, staff_user
from tests.factories.directory import (
    AreaFactory,
    LocationFactory,
    PatchFactory,
    ServiceFactory,
)
from tests.factories.referrals import answers

pytestmark = pytest.mark.django_db

TASK_ROW = re.compile(
    r'<tr data-task>\s*<th[^>]*><a href="(?P<url>[^"]+)">(?P<label>[^<]+)</a></th>\s*'
    r"<td>(?P<count>.*?)</td>",
    re.S,
)


def home_tasks(client, user) -> dict[str, tuple[int, str]]:
    """{label: (count, url)} of every count on the admin home, as `user` sees it."""
    if roles.user_requires_mfa(user):
        activate_totp(user)
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return {
        html.unescape(match["label"]).strip(): (
            int(re.sub(r"<[^>]+>", "", match["count"]).strip()),
            html.unescape(match["url"]),
        )
        for match in TASK_ROW.finditer(response.content.decode())
    }


def referral_received(days_ago: int, status=Status.NEW, **answer_fields) -> Referral:
    referral = submit_referral(
        answers(**answer_fields), now=timezone.now() - datetime.timedelta(days=days_ago)
    )
    if status != Status.NEW:
        outcome = "information_advice" if status == Status.CLOSED else ""
        Referral.objects.filter(pk=referral.pk).update(status=status, outcome=outcome)
    return referral


@pytest.fixture
def queues():
    """First Contact: 2 new (1 of them overdue), 1 in review overdue, 1 closed long ago.
    Carers Centre: 1 new, overdue."""
    return {
        "fc_new_today": referral_received(0),
        "fc_new_late": referral_received(30),
        "fc_review_late": referral_received(20, Status.IN_REVIEW),
        "fc_closed": referral_received(40, Status.CLOSED),
        "cc_new_late": referral_received(30, filled_in_by=FilledInBy.CARER),
    }


FC_NEW = "New in the First Contact queue"
FC_LATE = "Overdue in the First Contact queue"
CC_NEW = "New in the Carers Centre queue"
CC_LATE = "Overdue in the Carers Centre queue"


def test_first_contact_sees_new_and_overdue_in_their_queue_only(client, queues):
    tasks = home_tasks(client, staff_user(roles.FIRST_CONTACT))
    assert set(tasks) == {FC_NEW, FC_LATE}
    assert tasks[FC_NEW][0] == 2
    assert tasks[FC_LATE][0] == 2


def test_the_overdue_link_lists_exactly_the_overdue_referrals(client, queues):
    tasks = home_tasks(client, staff_user(roles.FIRST_CONTACT))
    page = client.get(tasks[FC_LATE][1]).content.decode()
    shown = {name for name, referral in queues.items() if referral.reference in page}
    assert shown == {"fc_new_late", "fc_review_late"}
    page = client.get(tasks[FC_NEW][1]).content.decode()
    shown = {name for name, referral in queues.items() if referral.reference in page}
    assert shown == {"fc_new_today", "fc_new_late"}


def test_carers_centre_sees_their_queue_only(client, queues):
    tasks = home_tasks(client, staff_user(roles.CARERS_CENTRE))
    assert tasks == {
        CC_NEW: (1, tasks[CC_NEW][1]),
        CC_LATE: (1, tasks[CC_LATE][1]),
    }
    page = client.get(tasks[CC_LATE][1]).content.decode()
    assert queues["cc_new_late"].reference in page
    assert queues["fc_new_late"].reference not in page


def test_overdue_follows_the_due_date_promised_on_arrival(client, queues, site):
    """The promise is fixed when the referral arrives: a referral received while the team
    promised 60 working days is not overdue after 30 days; those promised 5 still are."""
    from portal.models import SiteSettings

    settings_row = SiteSettings.uncached_for_site(site)
    settings_row.referral_response_working_days = 60
    settings_row.save()
    referral_received(30)
    tasks = home_tasks(client, staff_user(roles.FIRST_CONTACT))
    assert tasks[FC_NEW][0] == 3
    assert tasks[FC_LATE][0] == 2


def test_coordinator_in_a_patch_sees_suggestions_and_overdue_listings_there(client):
    ward = AreaFactory()
    patch = PatchFactory(wards=[ward])
    elsewhere = AreaFactory()
    overdue = timezone.localdate() - datetime.timedelta(days=3)
    ServiceFactory(name="Due here", review_due=overdue, location=LocationFactory(area=ward))
    ServiceFactory(
        name="Due elsewhere", review_due=overdue, location=LocationFactory(area=elsewhere)
    )
    ServiceFactory(name="Not due yet", location=LocationFactory(area=ward))
    ChangeSuggestion.objects.create(details="New phone number")
    ChangeSuggestion.objects.create(details="Done", status=ChangeSuggestion.Status.APPLIED)
    coordinator = staff_user(roles.COORDINATOR)
    LocalAreaCoordinator.objects.create(name="Pat", user=coordinator).patches.add(patch)

    tasks = home_tasks(client, coordinator)
    label = f"Listings overdue for review in {patch.name}"
    assert set(tasks) == {"Suggestions from the public waiting", label}
    assert tasks["Suggestions from the public waiting"][0] == 1
    assert tasks[label][0] == 1
    page = client.get(tasks[label][1]).content.decode()
    assert "Due here" in page
    assert "Due elsewhere" not in page
    assert "Not due yet" not in page


def test_a_coordinator_with_no_patches_sees_every_overdue_listing(client):
    overdue = timezone.localdate() - datetime.timedelta(days=3)
    ServiceFactory(review_due=overdue)
    ServiceFactory(review_due=overdue, live=False)
    ServiceFactory()
    tasks = home_tasks(client, staff_user(roles.COORDINATOR))
    assert tasks["Listings overdue for review"][0] == 2


def test_editors_see_feedback_received_this_week(client):
    ServiceFeedback.objects.create(rating=ServiceFeedback.Rating.SATISFIED, comment="Quick")
    old = ServiceFeedback.objects.create(rating=ServiceFeedback.Rating.SATISFIED, comment="Slow")
    ServiceFeedback.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    tasks = home_tasks(client, staff_user(roles.EDITOR))
    assert set(tasks) == {"Feedback answer received this week"}
    count, url = tasks["Feedback answer received this week"]
    assert count == 1
    page = client.get(url).content.decode()
    assert "Quick" in page
    assert "Slow" not in page


def test_analysts_have_no_queues(client, queues):
    assert home_tasks(client, staff_user(roles.ANALYST)) == {}


def test_administrators_see_every_panel(client, queues):
    tasks = home_tasks(client, staff_user(roles.ADMINISTRATOR))
    assert {FC_NEW, FC_LATE, CC_NEW, CC_LATE, "Suggestions from the public waiting"} <= set(tasks)
    assert "Listings overdue for review" in tasks
    assert "Feedback answers received this week" in tasks


def test_the_site_summary_of_pages_images_and_documents_is_gone(client):
    staff = staff_user(roles.EDITOR)
    client.force_login(staff)
    page = client.get("/admin/").content.decode()
    assert "w-summary" not in page
