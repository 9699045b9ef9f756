"""Which number to call now about an adult at risk: the office-hours line or out of hours.

A stressed visitor on a phone gets the one number that is answered now (in the council's
timezone, Europe/London): the safeguarding line on weekdays between the office hours in site
settings, the out-of-hours line in the evenings, at weekends and on bank holidays. The other
number is mentioned only when it is a different number, so a page never says "call X.
Outside office hours, call X".

The clock is a parameter (`when`), and `now()` is the one place pages read it, so tests
(and the browser tests' live server, in the same process) can fix the time.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from portal.bank_holidays import BANK_HOLIDAYS, is_working_day
from portal.phones import tel_href


def now() -> datetime.datetime:
    """The current time; the urgent-help pages read the clock only through this."""
    return timezone.now()


def is_office_hours(
    when: datetime.datetime,
    opens: datetime.time,
    closes: datetime.time,
    bank_holidays=BANK_HOLIDAYS,
) -> bool:
    """True on a weekday that is not a bank holiday, from `opens` until just before `closes`,
    both in the council's timezone."""
    local = timezone.localtime(when)
    if not is_working_day(local.date(), bank_holidays):
        return False
    return opens <= local.time() < closes


@dataclass(frozen=True)
class UrgentNumbers:
    """The number to call now, and the other one with when it is answered ("" if the same)."""

    call_now: str
    office_hours: bool
    other_number: str
    office_hours_text: str


def same_number(first: str, second: str) -> bool:
    """The same phone line however it is written ("0114 273 4908" and "0114-2734908")."""
    first_href, second_href = tel_href(first), tel_href(second)
    if first_href and second_href:
        return first_href == second_href
    return first.strip() == second.strip()


def urgent_numbers(site_settings, when: datetime.datetime | None = None) -> UrgentNumbers:
    """The safeguarding or out-of-hours number from `site_settings`, whichever is answered at
    `when` (default: now)."""
    when = when or now()
    opens, closes = site_settings.office_opens_at, site_settings.office_closes_at
    in_hours = is_office_hours(when, opens, closes)
    office, out_of_hours = site_settings.safeguarding_phone, site_settings.out_of_hours_phone
    call_now, other = (office, out_of_hours) if in_hours else (out_of_hours, office)
    if not call_now.strip():
        call_now, other = other, ""
    return UrgentNumbers(
        call_now=call_now,
        office_hours=in_hours,
        other_number="" if same_number(call_now, other) else other,
        office_hours_text=office_hours_text(opens, closes),
    )


def office_hours_text(opens: datetime.time, closes: datetime.time) -> str:
    """ "Monday to Friday, 8:45am to 5pm" from the two times in site settings."""
    return _("Monday to Friday, %(opens)s to %(closes)s") % {
        "opens": _clock(opens),
        "closes": _clock(closes),
    }


def _clock(moment: datetime.time) -> str:
    """ "8:45am", "5pm" (GOV.UK style: no ":00", lower-case am/pm)."""
    text = time_format(moment, "g:ia" if moment.minute else "ga")
    return text.replace(".", "").replace(" ", "")
