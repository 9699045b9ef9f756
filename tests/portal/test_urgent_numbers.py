"""Which adult-at-risk number the urgent-help pages show: office hours or out of hours
(portal.hours), in Europe/London, never the same number twice."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from portal import hours
from portal.models import SiteSettings

LONDON = ZoneInfo("Europe/London")
OFFICE = "0114 273 4908"
OUT_OF_HOURS = "0114 496 0999"


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


WEEKDAY_AFTERNOON = at(2026, 12, 9, 14, 0)  # Wednesday
WEEKDAY_EVENING = at(2026, 12, 9, 19, 0)
SATURDAY = at(2026, 12, 12, 11, 0)
SUNDAY_NIGHT = at(2026, 12, 13, 23, 30)
BANK_HOLIDAY = at(2026, 8, 31, 11, 0)  # summer bank holiday, a Monday


def site_settings(**fields) -> SiteSettings:
    return SiteSettings(
        **{"safeguarding_phone": OFFICE, "out_of_hours_phone": OUT_OF_HOURS, **fields}
    )


@pytest.mark.parametrize(
    ("when", "in_hours", "number"),
    [
        (WEEKDAY_AFTERNOON, True, OFFICE),
        (WEEKDAY_EVENING, False, OUT_OF_HOURS),
        (SATURDAY, False, OUT_OF_HOURS),
        (SUNDAY_NIGHT, False, OUT_OF_HOURS),
        (BANK_HOLIDAY, False, OUT_OF_HOURS),
        (at(2026, 12, 9, 8, 44), False, OUT_OF_HOURS),  # a minute before the office opens
        (at(2026, 12, 9, 8, 45), True, OFFICE),
        (at(2026, 12, 9, 17, 0), False, OUT_OF_HOURS),  # closes at 5pm
    ],
)
def test_the_number_answered_now(when, in_hours, number):
    urgent = hours.urgent_numbers(site_settings(), when)
    assert urgent.office_hours is in_hours
    assert urgent.call_now == number
    assert urgent.other_number == ({OFFICE, OUT_OF_HOURS} - {number}).pop()


def test_office_hours_are_london_time_in_summer():
    """13:30 UTC in July is 14:30 in London (BST): open; 16:30 UTC is 17:30: closed."""
    utc = datetime.UTC
    opens, closes = datetime.time(8, 45), datetime.time(17)
    assert hours.is_office_hours(datetime.datetime(2026, 7, 8, 13, 30, tzinfo=utc), opens, closes)
    assert not hours.is_office_hours(
        datetime.datetime(2026, 7, 8, 16, 30, tzinfo=utc), opens, closes
    )


@pytest.mark.parametrize("written", [OFFICE, "0114-273-4908", "+44 (0)114 273 4908"])
def test_the_same_line_is_never_given_twice(written):
    urgent = hours.urgent_numbers(site_settings(out_of_hours_phone=written), WEEKDAY_EVENING)
    assert urgent.call_now == written
    assert urgent.other_number == ""


def test_an_empty_out_of_hours_number_falls_back_to_the_office_line():
    urgent = hours.urgent_numbers(site_settings(out_of_hours_phone=""), SUNDAY_NIGHT)
    assert urgent.call_now == OFFICE and urgent.other_number == ""


def test_office_hours_text_follows_the_settings():
    assert hours.office_hours_text(datetime.time(8, 45), datetime.time(17)) == (
        "Monday to Friday, 8:45am to 5pm"
    )
    assert hours.office_hours_text(datetime.time(9), datetime.time(16, 30)) == (
        "Monday to Friday, 9am to 4:30pm"
    )


# The pages: the exit page after "someone is being abused" and the urgent-help box.

ABUSE_EXIT = "/self-referral/urgent-help/?reason=abuse"


@pytest.fixture
def numbers(site):
    settings_row = SiteSettings.for_site(site)
    settings_row.safeguarding_phone = OFFICE
    settings_row.out_of_hours_phone = OUT_OF_HOURS
    settings_row.save()
    return settings_row


def clock(monkeypatch, when):
    monkeypatch.setattr(hours, "now", lambda: when)


def test_exit_page_on_a_weekday_afternoon(client, numbers, monkeypatch):
    clock(monkeypatch, WEEKDAY_AFTERNOON)
    html = client.get(ABUSE_EXIT).content.decode()
    lead = html.split('class="govuk-body-l"')[1].split("</p>")[0]
    assert 'href="tel:+441142734908">0114 273 4908</a>' in lead
    assert 'href="tel:+441144960999">0114 496 0999</a>' in html  # evenings and weekends
    assert "This line is open now (Monday to Friday, 8:45am to 5pm)" in html


def test_exit_page_on_a_sunday_night(client, numbers, monkeypatch):
    clock(monkeypatch, SUNDAY_NIGHT)
    html = client.get(ABUSE_EXIT).content.decode()
    lead = html.split('class="govuk-body-l"')[1].split("</p>")[0]
    assert 'href="tel:+441144960999">0114 496 0999</a>' in lead
    assert "In office hours (Monday to Friday, 8:45am to 5pm)" in html


def test_exit_page_says_a_shared_number_once(client, numbers, monkeypatch):
    numbers.out_of_hours_phone = OFFICE
    numbers.save()
    clock(monkeypatch, WEEKDAY_EVENING)
    main = client.get(ABUSE_EXIT).content.decode().split('id="main-content"')[1].split("</main>")[0]
    assert main.count("0114 273 4908</a>") == 1
    assert "Outside office hours" not in main and "In office hours" not in main


def test_home_page_urgent_box_and_footer_numbers_are_tel_links(
    client, home_page, numbers, monkeypatch
):
    clock(monkeypatch, SATURDAY)
    html = client.get("/").content.decode()
    box = html.split('id="urgent-help-heading"')[1].split("</aside>")[0]
    assert 'href="tel:999">999</a>' in box and 'href="tel:111">111</a>' in box
    assert 'href="tel:+441144960999">0114 496 0999</a>' in box.split("</li>")[1]
    footer = html.split('<footer class="govuk-footer">')[1]
    for link in ('href="tel:999">999</a>', 'href="tel:111">111</a>', 'href="tel:+441142734908"'):
        assert link in footer
    assert 'href="/contact/">Contact us</a>' in footer


def test_urgent_box_comes_right_after_the_search_in_the_markup(client, home_page):
    """On a phone the columns stack in markup order: urgent help before the popular needs."""
    html = client.get("/").content.decode()
    assert html.index('id="urgent-help-heading"') < html.index("Popular needs")
    assert html.index("signpost-search") < html.index('id="urgent-help-heading"')


def test_contact_page_numbers_are_tel_links(client, home_page, numbers):
    response = client.get("/contact/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="tel:+441142734908">0114 273 4908</a>' in html
    assert 'href="tel:+441142728362">0114 272 8362</a>' in html
