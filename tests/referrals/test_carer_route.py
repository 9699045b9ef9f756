"""The route written for carers (#21): from the carers' hub (`?as=carer`) every page speaks
to the carer, "What would help" offers a carer's own outcomes (Care and Support (Eligibility
Criteria) Regulations 2015, reg. 3(3)), and the person cared for is asked about only if the
carer wants them included. Carer requests still go to the Carers Centre."""

import re

import pytest

from analytics.models import ReferralEvent
from portal.models import SiteSettings
from referrals.choices import CarerOutcome, Team, WellbeingOutcome
from referrals.models import Referral
from tests.factories.referrals import CARER_OUTCOMES, StaffFactory, post_fields, step_data
from tests.referrals.conftest import walk

pytestmark = pytest.mark.django_db

CARED_FOR_LABELS = [str(label) for label in WellbeingOutcome.labels]
ASKS_FOR_THE_OTHER_PERSON = "address and date of birth of the person who needs help"


def carer_pages(client, *, tell_about_cared_for=True):
    """Every page of a carer's journey from the hub's landing page to the confirmation:
    [(step, html)], each step's page read before it is answered."""
    pages = [("landing", client.get("/self-referral/?as=carer").content.decode())]
    client.get("/self-referral/start/?as=carer")
    for step, fields in step_data("carer", tell_about_cared_for=tell_about_cared_for):
        pages.append((step, client.get(f"/self-referral/{step}/").content.decode()))
        response = client.post(f"/self-referral/{step}/", post_fields(step, fields))
        assert response.status_code == 302, (step, response.content.decode()[:2000])
    pages.append(("done", client.get(response["Location"], follow=True).content.decode()))
    return pages


def caption(html):
    match = re.search(r'<span class="govuk-caption-l">([^<]*)</span>', html)
    return match.group(1).strip() if match else None


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_every_page_speaks_to_the_carer(client, gazetteer):
    pages = carer_pages(client)
    steps = [step for step, _html in pages]
    assert "cared-for" in steps
    for step, html in pages:
        assert ASKS_FOR_THE_OTHER_PERSON not in html, step
        for label in CARED_FOR_LABELS:
            assert label not in html, (step, label)
        if step not in {"landing", "done"}:
            assert caption(html) == "Get support as a carer", step
            assert "– Get support as a carer" in title(html), step
    html = dict(pages)
    assert "Get support as a carer" in html["landing"]
    assert "We will ask about you, the carer" in html["landing"]
    assert "What is happening for you as a carer?" in html["situation"]
    assert "What would help you as a carer?" in html["outcomes"]
    for label in CarerOutcome.labels:
        assert str(label) in html["outcomes"]
    assert "A break from caring" in html["check"] and "My own health" in html["check"]
    assert "Do you want to tell us about the person you care for?" in html["about-cared-for"]


def test_the_referral_keeps_the_carers_outcomes_and_goes_to_the_carers_centre(client, gazetteer):
    carer_pages(client)
    referral = Referral.objects.get()
    assert referral.team == Team.CARERS_CENTRE and referral.is_carer
    assert referral.answers["outcomes"] == CARER_OUTCOMES
    assert referral.answers["carer"]["relationship"] == "mother"
    assert referral.needs == CARER_OUTCOMES
    assert ReferralEvent.objects.get(token=referral.event_token).needs == CARER_OUTCOMES


def test_the_person_cared_for_is_optional(client, gazetteer):
    pages = carer_pages(client, tell_about_cared_for=False)
    assert "cared-for" not in [step for step, _html in pages]
    assert "How are they related to you" not in dict(pages)["check"]
    referral = Referral.objects.get()
    assert referral.team == Team.CARERS_CENTRE
    assert "relationship" not in referral.answers["carer"]
    assert referral.answers["carer"]["tell_about_cared_for"] is False


def test_a_carer_cannot_choose_the_cared_for_persons_outcomes(client, gazetteer):
    walk(client, "carer", stop_before="outcomes", as_carer=True)
    response = client.post(
        "/self-referral/outcomes/", post_fields("outcomes", {"outcomes": ["toilet"]})
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_other_routes_are_unchanged(client, gazetteer):
    html = client.get("/self-referral/").content.decode()
    assert ASKS_FOR_THE_OTHER_PERSON in html and "Get support as a carer" not in html
    walk(client, "someone_else", stop_before="outcomes")
    html = client.get("/self-referral/outcomes/").content.decode()
    assert caption(html) == "Ask for help"
    for label in CARED_FOR_LABELS:
        assert label in html
    assert "A break from caring" not in html


def test_staff_see_the_carers_outcomes_by_their_labels(client, gazetteer):
    carer_pages(client)
    referral = Referral.objects.get()
    staff = StaffFactory(roles=["Carers Centre"])
    client.force_login(staff)
    html = client.get(f"/admin/referrals/{referral.pk}/").content.decode()
    for label in ("A break from caring", "My own health"):
        assert label in html
    assert "carer_break" not in html and "carer_health" not in html


@pytest.mark.parametrize("as_carer", [True, False])
def test_the_landing_page_promises_the_configured_working_days(client, site, as_carer):
    """The promise before starting is the team's setting the confirmation uses, and the carer's
    page neither lists who else the form is for nor gives First Contact's hours."""
    row = SiteSettings.for_site(site)
    row.referral_response_working_days = 3 if not as_carer else 9
    row.carers_centre_response_working_days = 3 if as_carer else 9  # the Carers Centre's own
    row.save()
    html = client.get("/self-referral/" + ("?as=carer" if as_carer else "")).content.decode()
    assert "contact you within 3 working days" in html
    assert ("You can use this form to ask for help" in html) is not as_carer
    assert ("The team works" in html) is not as_carer
