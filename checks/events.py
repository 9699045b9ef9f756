"""What the Care Act checks tell the rest of Signpost, as Django signals (nothing here stores
data, and no answer, amount or postcode is ever sent).

`check_started`: someone answered the first question of a check (the first valid answer
posted with no answers before it, so showing or reloading the first question does not
count). Sent with `request` and `kind` (CheckKind).
`check_finished`: a result page was shown for a check's answers. Sent with `request`,
`kind`, `band` (Band: "" for the cost check, which has no band) and `run`: a keyed hash of
the posted answers token (the same for a reload of the same result, different for any other
run), so a receiver can count a reloaded result once. Not sent for the result page's own
postcode form (the same run, shown again with local support).
"""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

from checks.eligibility import Likelihood


class CheckKind(models.TextChoices):
    ADULT = "adult", _("Care and support (adult)")
    CARER = "carer", _("Support as a carer")
    COST = "cost", _("What you might pay")


class Band(models.TextChoices):
    LIKELY = "likely", _("Likely to be eligible")
    MAY_BE = "may_be", _("May be eligible")
    PROBABLY_NOT = "probably_not", _("Probably not eligible")


BAND_FOR_LIKELIHOOD = {
    Likelihood.LIKELY: Band.LIKELY,
    Likelihood.MAY_BE: Band.MAY_BE,
    Likelihood.PROBABLY_NOT: Band.PROBABLY_NOT,
}

check_started = Signal()
check_finished = Signal()


def run_key(token: str) -> str:
    """16 hex digits naming one run's posted answers (keyed, so the answers cannot be guessed
    back from it)."""
    key = hmac.new(settings.SECRET_KEY.encode(), b"checks.run", hashlib.sha256).digest()
    return hmac.new(key, (token or "").encode(), hashlib.sha256).hexdigest()[:16]


def announce_started(request, kind: str) -> None:
    check_started.send(sender=None, request=request, kind=kind)


def announce_finished(request, kind: str, band: str, token: str) -> None:
    check_finished.send(sender=None, request=request, kind=kind, band=band, run=run_key(token))
