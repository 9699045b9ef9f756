"""The referral page in plain English (#22): every answer under its label, labels from the one
vocabulary and never a code, dates as "27 March 1942 (age 84)", sections in the form's
order, and a summary with flags at the top."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from referrals import choices
from referrals.referral_page import format_date
from tests.factories.referrals import StaffFactory, answers, referral

pytestmark = pytest.mark.django_db

VOCABULARIES = [
    choices.Urgency,
    choices.PersonAgrees,
    choices.FilledInBy,
    choices.Status,
    choices.Outcome,
    choices.WellbeingOutcome,
    choices.CarerOutcome,
    choices.ContactMethod,
    choices.BestTime,
    choices.CommunicationNeed,
    choices.CaringHours,
    choices.CarerSupportFor,
]
CODES = {code for vocabulary in VOCABULARIES for code in vocabulary.values}
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


class MainText(HTMLParser):
    """The visible text of <main>, and each answer's value (<dd>) on its own."""

    def __init__(self):
        super().__init__()
        self.depth, self.in_dd, self.text, self.values = 0, False, [], []

    def handle_starttag(self, tag, attrs):
        if tag == "main" or self.depth:
            self.depth += 1
        if tag == "dd":
            self.in_dd = True
            self.values.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
        if tag == "dd":
            self.in_dd = False

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)
            if self.in_dd:
                self.values[-1] += data


def page_text(client, made):
    parser = MainText()
    parser.feed(client.get(f"/admin/referrals/{made.pk}/").content.decode())
    values = [" ".join(value.split()) for value in parser.values]
    return " ".join(" ".join(parser.text).split()), values


def assert_no_codes_or_iso_dates(text, values):
    assert not ISO_DATE.search(text), ISO_DATE.search(text)
    for code in CODES:
        if "_" in code:
            assert code not in text, code
    for value in values:
        for part in re.split(r"[,·]\s*", value):
            assert part.strip() not in CODES, (part, value)


def age_on(born: datetime.date) -> int:
    today = timezone.localdate()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def test_someone_elses_referral_in_plain_english(client, gazetteer):
    made = referral(
        filled_in_by="someone_else",
        consent={"person_agrees": "cannot_decide"},
        referrer={
            "referrer_name": "Sam Neighbour",
            "relationship": "neighbour",
            "referrer_phone": "0114 496 0001",
            "referrer_email": "",
        },
        communication={"language": "Polish", "needs": ["easy_read", "bsl"], "other_needs": ""},
        situation={
            "what_is_happening": "She lives alone and fell last week.",
            "what_matters": "Staying at home.",
        },
        outcomes=["home_safe", "nutrition"],
        gp={"gp_practice": "Test Surgery", "gp_town": "Sheffield"},
        services={
            "services": [{"id": 1, "name": "Lunch club"}],
            "searches": ["meals"],
            "other_help": "",
        },
    )
    client.force_login(StaffFactory(roles=["First Contact"]))
    text, values = page_text(client, made)
    for section in (
        "About the person",
        "Contact and best time",
        "Communication needs",
        "What is happening",
        "What matters to them",
        "What would help",
        "GP",
        "Services they looked at",
        "Consent",
    ):
        assert section in text
    assert text.index("About the person") < text.index("Contact and best time")
    assert text.index("Services they looked at") < text.rindex("Consent")
    assert f"27 March 1942 (age {age_on(datetime.date(1942, 3, 27))})" in text
    for label in (
        "Someone else",
        "They are not able to decide this for themselves",
        "Phone",
        "Mornings",
        "Easy read information",
        "A British Sign Language (BSL) interpreter",
        "Polish",
        "Moving around and using my home safely",
        "Eating and drinking well, and preparing meals",
        "Lunch club",
        "Sam Neighbour",
        "Test Surgery",
    ):
        assert label in text, label
    # How to contact, the best time and the notes are separate answers.
    assert "Phone" in values and "Mornings" in values
    # The summary's flags.
    for flag in (
        "Lives alone",
        "Urgent words in the story",
        "“fell”",
        "Communication needs",
        "Consent given by someone else",
    ):
        assert flag in text, flag
    assert "City (S1)" in text
    assert_no_codes_or_iso_dates(text, values)


def test_carers_referral_shows_the_carers_outcomes(client, gazetteer):
    made = referral(filled_in_by="carer")
    client.force_login(StaffFactory(roles=["Carers Centre"]))
    text, values = page_text(client, made)
    for label in (
        "Caring role",
        "I am a carer and want support for my caring role",
        "A break from caring",
        "My own health",
        "50 hours a week or more",
        "Support for me as a carer",
        "Wants a carer's assessment",
        "mother",
        "Carer under strain",
    ):
        assert label in text, label
    assert_no_codes_or_iso_dates(text, values)


def test_an_answer_the_page_does_not_know_is_still_shown(client, gazetteer):
    made = referral(person={**answers()["person"], "pets": "Two cats"})
    client.force_login(StaffFactory(roles=["First Contact"]))
    text, _values = page_text(client, made)
    assert "Other answers" in text and "Pets" in text and "Two cats" in text


@pytest.mark.parametrize(
    ("born", "on", "shown"),
    [
        ("1941-05-04", "2026-12-07", "4 May 1941 (age 85)"),
        ("1941-12-08", "2026-12-07", "8 December 1941 (age 84)"),  # birthday tomorrow
        ("1941-12-07", "2026-12-07", "7 December 1941 (age 85)"),  # birthday today
    ],
)
def test_date_of_birth_with_age(born, on, shown):
    assert format_date(born, datetime.date.fromisoformat(on), with_age=True) == shown
