"""England and Wales bank holidays, in one place for every layer.

Here in portal, the lowest layer, so both the directory's opening times and the portal's
office hours (portal.hours: which urgent number to show) read the same table. Extend it
each year from gov.uk/bank-holidays (the table runs to the end of 2027).
"""

import datetime

# Council offices close and directory sessions do not run on these days (unless a
# schedule says `open_on_bank_holidays`).
BANK_HOLIDAYS = frozenset(
    datetime.date.fromisoformat(day)
    for day in [
        "2025-01-01",
        "2025-04-18",
        "2025-04-21",
        "2025-05-05",
        "2025-05-26",
        "2025-08-25",
        "2025-12-25",
        "2025-12-26",
        "2026-01-01",
        "2026-04-03",
        "2026-04-06",
        "2026-05-04",
        "2026-05-25",
        "2026-08-31",
        "2026-12-25",
        "2026-12-28",
        "2027-01-01",
        "2027-03-26",
        "2027-03-29",
        "2027-05-03",
        "2027-05-31",
        "2027-08-30",
        "2027-12-27",
        "2027-12-28",
    ]
)


def is_working_day(day: datetime.date, bank_holidays=BANK_HOLIDAYS) -> bool:
    """Monday to Friday and not a bank holiday: when council offices are open, and what
    "N working days" counts (the self-referral confirmation's "by when")."""
    return day.weekday() < 5 and day not in bank_holidays
