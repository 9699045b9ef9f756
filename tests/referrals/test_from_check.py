"""Tell it once (#24 item 4): a check's answers go into the self-referral only when the person
presses "Ask for an assessment and bring these answers". The wizard then starts with who is
filling in and the outcomes ticked (still asked: pre-filled, never skipped); nothing reaches
the database until the referral is sent, and then under answers["check"], codes only. A
tampered token gets a clear page (400), never a 500."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from checks.eligibility_flow import ADULT, CARER
from referrals.models import Referral
from tests.checks.test_eligibility_views import ADULT as ADULT_URLS
from tests.checks.test_eligibility_views import ADULT_ANSWERS, CARER_ANSWERS, see_result
from tests.checks.test_eligibility_views import walk as walk_check
from tests.factories.content import CarersHubPageFactory
from tests.factories.referrals import StaffFactory, post_fields, step_data
from tests.referrals.test_referral_page import assert_no_codes_or_iso_dates, page_text

pytestmark = pytest.mark.django_db

FROM_CHECK = "/self-referral/from-check/"


def carry(client, check=ADULT, answers=ADULT_ANSWERS, **changes):
    data = {**dict(answers), **changes}
    return client.post(FROM_CHECK, {"kind": check.slug, "answers": check.pack(data)})


def ticked(html: str, name: str) -> set[str]:
    """The values of the checked inputs called `name` on a page."""
    inputs = re.findall(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', html)
    return {re.search(r'value="([^"]*)"', tag).group(1) for tag in inputs if " checked" in tag}


def answer_steps(client, path, *, until=None, outcomes=None):
    """Answer the wizard's steps in order (the outcomes as given, if given) and send them;
    returns the confirmation, or the page of `until` before answering it."""
    response = None
    for step, fields in step_data(path):
        if step == until:
            return client.get(f"/self-referral/{step}/")
        if step == "outcomes" and outcomes is not None:
            fields = {"outcomes": outcomes}
        response = client.post(f"/self-referral/{step}/", post_fields(step, fields))
        assert response.status_code == 302, (step, response.content.decode()[:2000])
    return client.get(response["Location"], follow=True)  # sent


def test_the_result_page_offers_the_choice_and_says_nothing_is_stored_yet(client):
    result = see_result(client, ADULT_URLS, walk_check(client, ADULT_URLS, ADULT_ANSWERS))
    html = result.content.decode()
    form = re.search(rf'<form method="post" action="{FROM_CHECK}".*?</form>', html, re.S)
    assert form is not None
    assert 'name="kind" value="adult"' in form.group(0) and 'name="answers"' in form.group(0)
    assert "Ask for an assessment and bring these answers" in form.group(0)
    assert "Nothing has been stored yet." in html
    assert 'href="/self-referral/"' in html and "Ask without these answers" in html


def test_carried_answers_start_the_wizard_with_who_and_the_outcomes_ticked(client, gazetteer):
    response = carry(client)
    assert response.status_code == 302 and response["Location"] == "/self-referral/urgent/"
    who = answer_steps(client, "myself", until="who").content.decode()
    assert ticked(who, "who-filled_in_by") == {"myself"}
    outcomes = answer_steps(client, "myself", until="outcomes")
    assert outcomes.status_code == 200  # asked, not skipped
    assert ticked(outcomes.content.decode(), "outcomes-outcomes") == {
        "nutrition",
        "personal_hygiene",
    }
    assert not Referral.objects.exists()


def test_checking_for_someone_else_starts_as_someone_else(client):
    carry(client, who="someone_else")
    client.post("/self-referral/urgent/", post_fields("urgent", {"situation": "none"}))
    html = client.get("/self-referral/who/").content.decode()
    assert ticked(html, "who-filled_in_by") == {"someone_else"}


def test_a_carers_answers_start_the_carers_route_with_their_health(client, gazetteer):
    carry(client, CARER, CARER_ANSWERS)
    who = answer_steps(client, "carer", until="who").content.decode()
    assert ticked(who, "who-filled_in_by") == {"carer"}
    assert "Get support as a carer" in who
    html = answer_steps(client, "carer", until="outcomes").content.decode()
    assert ticked(html, "outcomes-outcomes") == {"carer_time", "carer_health"}


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "adult", "answers": ADULT.pack(dict(ADULT_ANSWERS))[:-3] + "xyz"},  # tampered
        {"kind": "adult", "answers": CARER.pack(dict(CARER_ANSWERS))},  # another check's
        {"kind": "nonsense", "answers": ADULT.pack(dict(ADULT_ANSWERS))},
        {"kind": "adult", "answers": ADULT.pack({"who": "myself"})},  # not finished
        {"kind": "adult", "answers": ""},
        {},
    ],
)
def test_answers_that_cannot_be_read_get_a_clear_page(client, data):
    response = client.post(FROM_CHECK, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "We could not read the answers from the check" in html
    assert 'href="/self-referral/"' in html
    assert client.get("/self-referral/who/").status_code == 302  # no wizard was started


def test_only_a_post_carries_answers(client):
    assert client.get(FROM_CHECK).status_code == 405


def test_the_sent_referral_keeps_the_checks_answers_as_codes(client, gazetteer):
    carry(client)
    check_page = answer_steps(client, "myself", until="check").content.decode()
    assert "Answers from the check" in check_page
    assert "Yes (likely to be eligible)" in check_page
    assert 'href="/self-referral/from-check/send/"' in check_page
    assert not Referral.objects.exists()  # nothing in the database before sending
    answer_steps(client, "myself", outcomes=["nutrition"])
    referral = Referral.objects.get()
    assert referral.answers["outcomes"] == ["nutrition"]  # what they sent, not the check's
    assert referral.answers["check"] == {
        "kind": "adult",
        "likelihood": "likely",
        "who": "myself",
        "struggles": ["nutrition", "personal_hygiene"],
        "reasons": {"nutrition": "needs_help", "personal_hygiene": "pain"},
    }


def test_without_the_answers_nothing_from_a_check_is_stored(client, gazetteer):
    client.get("/self-referral/start/")
    answer_steps(client, "myself")
    assert "check" not in Referral.objects.get().answers


def test_the_answers_can_be_removed_from_check_your_answers(client, gazetteer):
    carry(client, CARER, CARER_ANSWERS)
    answer_steps(client, "carer", until="check")
    page = client.get("/self-referral/from-check/send/")
    html = page.content.decode()
    assert "Send the answers from the check with this request?" in html
    assert '<span class="govuk-caption-l">Get support as a carer</span>' in html
    assert ticked(html, "send") == {"yes"}
    error = client.post("/self-referral/from-check/send/", {})
    assert "Select yes if you want to send the answers from the check" in error.content.decode()
    response = client.post("/self-referral/from-check/send/", {"send": "no"})
    assert response["Location"] == "/self-referral/check/"
    check_page = client.get("/self-referral/check/").content.decode()
    row = re.search(r"Answers from the check</dt>\s*<dd[^>]*>([^<]*)<", check_page)
    assert row.group(1).strip() == "No"
    answer_steps(client, "carer")
    assert "check" not in Referral.objects.get().answers


def test_the_removal_page_needs_carried_answers(client):
    assert client.get("/self-referral/from-check/send/")["Location"] == "/self-referral/start/"
    client.get("/self-referral/start/")
    assert client.get("/self-referral/from-check/send/").status_code == 302


def test_the_staff_page_shows_the_check_in_words(client, gazetteer):
    carry(client)
    answer_steps(client, "myself")
    made = Referral.objects.get()
    client.force_login(StaffFactory(roles=["First Contact"]))
    text, values = page_text(client, made)
    assert "From the 'Check what help you might get' check" in text
    assert "Likely to be eligible" in text and "The person themselves" in text
    assert "Eating and drinking well, and preparing meals Cannot do it without help" in text
    assert "Washing and keeping clean Can, but with a lot of pain, distress or worry" in text
    assert_no_codes_or_iso_dates(text, values)
    for code in ("needs_help", "likely", "adult"):
        assert code not in values


def test_the_staff_page_has_no_check_section_without_one(client, gazetteer):
    client.get("/self-referral/start/")
    answer_steps(client, "myself")
    client.force_login(StaffFactory(roles=["First Contact"]))
    text, _values = page_text(client, Referral.objects.get())
    assert "Check what help you might get" not in text


def test_the_start_pages_link_to_the_checks(client, home_page):
    CarersHubPageFactory(parent=home_page)
    landing = client.get("/self-referral/").content.decode()
    assert 'href="/check/"' in landing and 'href="/check/cost/"' in landing
    carer_landing = client.get("/self-referral/?as=carer").content.decode()
    assert 'href="/check/carer/"' in carer_landing and 'href="/check/"' not in carer_landing
    home = client.get("/").content.decode()
    assert 'href="/check/"' in home and "Check what help you might get" in home
    assert 'href="/check/cost/"' in home and "What you might pay" in home
    hub = client.get("/carers/").content.decode()
    assert 'href="/check/carer/"' in hub and "Check if you could get support as a carer" in hub


def test_declining_stores_none_of_the_check_anywhere(client, gazetteer):
    """Done when (#24): the person finishes the check, then asks without its answers: no
    table holds the signed answers or anything of the check's answers, and the referral's
    own (decrypted) answers have none of them either."""
    result = see_result(client, ADULT_URLS, walk_check(client, ADULT_URLS, ADULT_ANSWERS))
    token = re.search(r'name="answers" value="([^"]+)"', result.content.decode()).group(1)
    assert ADULT.unpack(token)  # the real answers of a finished check
    client.get("/self-referral/start/")  # "Ask without these answers"
    answer_steps(client, "myself", outcomes=["nutrition"])

    dump = StringIO()
    call_command("dumpdata", stdout=dump)
    everything = dump.getvalue() + json.dumps(
        [referral.answers for referral in Referral.objects.all()]
    )
    assert Referral.objects.count() == 1
    for trace in (token, '"likelihood"', '"struggles"', '"reasons"', '"personal_hygiene"'):
        assert trace not in everything, trace
