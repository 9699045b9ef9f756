"""What the confirmation page promises: working days that skip weekends and England and
Wales bank holidays (#21), and the confirmation email's address, partly masked."""

import datetime

import pytest

from portal.bank_holidays import is_working_day
from referrals.next_steps import add_working_days, confirmation_address, mask_email

day = datetime.date.fromisoformat


@pytest.mark.parametrize(
    ("sent_on", "days", "contact_by"),
    [
        ("2026-12-07", 4, "2026-12-11"),  # Monday to Friday: no weekend in between
        ("2026-12-04", 5, "2026-12-11"),  # a Friday: over the weekend to the next Friday
        ("2026-12-05", 1, "2026-12-07"),  # sent on a Saturday: Monday is the first day
        # Christmas Day (Friday), then Boxing Day on a Saturday gives Monday 28 December
        # off as its substitute: Thursday 24, then Tuesday 29 and Wednesday 30.
        ("2026-12-23", 3, "2026-12-30"),
        ("2026-12-25", 1, "2026-12-29"),  # sent on a bank holiday itself
        ("2026-12-31", 1, "2027-01-04"),  # New Year's Day (Friday), then the weekend
        ("2026-04-02", 1, "2026-04-07"),  # Good Friday and Easter Monday
    ],
)
def test_working_days_skip_weekends_and_bank_holidays(sent_on, days, contact_by):
    assert add_working_days(day(sent_on), days) == day(contact_by)


def test_the_day_of_sending_never_counts():
    monday = day("2026-12-07")
    assert is_working_day(monday)
    assert add_working_days(monday, 1) == day("2026-12-08")


@pytest.mark.parametrize(
    ("when", "working"),
    [
        ("2026-12-25", False),  # Christmas Day
        ("2026-12-26", False),  # Boxing Day, a Saturday
        ("2026-12-28", False),  # its substitute
        ("2026-12-24", True),  # Christmas Eve is not a bank holiday
        ("2026-12-06", False),  # a Sunday
    ],
)
def test_which_days_are_working_days(when, working):
    assert is_working_day(day(when)) is working


def test_another_list_of_bank_holidays_can_be_given():
    assert add_working_days(day("2026-12-07"), 1, bank_holidays={day("2026-12-08")}) == day(
        "2026-12-09"
    )


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("jo@example.com", "j\u2022\u2022\u2022\u2022@example.com"),
        ("margaret.example@mail.example.org", "m\u2022\u2022\u2022\u2022@mail.example.org"),
        ("", ""),
        ("not an address", ""),
    ],
)
def test_email_addresses_are_masked_to_their_first_letter_and_domain(address, masked):
    assert mask_email(address) == masked


def test_a_confirmation_goes_only_to_someone_who_asked_for_one():
    person = {"person": {"email": "jo@example.com"}}
    assert confirmation_address({**person, "wants_confirmation_email": True}) == "jo@example.com"
    assert confirmation_address({**person, "wants_confirmation_email": False}) == ""
    assert confirmation_address({"person": {}, "wants_confirmation_email": True}) == ""
