"""Small-number suppression, the one implementation for every screen and CSV export (analytics
reports and the referrals queue's counts alike; here in portal so both can use it).

Any count of people's searches or referrals from 1 to 4 is shown as "fewer than 5", and any
rate worked out from such a count is withheld, so nobody can be picked out of a small group.
The same threshold decides which search words may be shown at all: only words typed in at
least 5 distinct visits in the period (`may_show_words`); rarer words are left out of every
report, chart and CSV export, and are not kept after 30 days (analytics.retention).
"""

from django.utils.translation import gettext as _

THRESHOLD = 5


def is_small(count) -> bool:
    """True for a count that must not be shown (1 to 4)."""
    return isinstance(count, int) and 0 < count < THRESHOLD


def may_show_words(visits) -> bool:
    """True if search words typed in this many distinct visits may be shown or kept."""
    return isinstance(visits, int) and visits >= THRESHOLD


def suppress(count):
    """The count as it may be shown: itself, or "fewer than 5" for 1 to 4."""
    if count is None:
        return ""
    if is_small(count):
        return _("fewer than %(threshold)s") % {"threshold": THRESHOLD}
    return count


def rate(numerator: int, denominator: int, per: int = 100) -> float | None:
    """`numerator` per `per` of `denominator`, rounded; None if either count is suppressed
    or there is nothing to divide by."""
    if not denominator or is_small(numerator) or is_small(denominator):
        return None
    return round(numerator * per / denominator, 1)
