"""Demo data for analytics and the referral queues: 18 months of synthetic searches, and the
self-referrals that followed them sent through the referrals service (demo.referrals), so
the dashboards at /admin/analytics/ compare every period with a full earlier one and count
the same referrals the queues at /admin/referrals/ hold. Called by `manage.py load_demo_data`.

Also plausible answers to "Was it easy to find information about support?" (ASCOF 3D,
about 6 a day, most of them "very" or "fairly easy"), and feedback sent to the referrers of
most closed referrals, so the ease of finding information and First Contact measures
reports have something to show. And a few Care Act checks started and finished a day
(`make_check_events`: kinds, bands and whether a "probably not" was followed by a listing
opened; no visit hashes), for the Care Act checks report.

Idempotent: earlier demo events and their referrals are replaced, so the data always ends
yesterday; complete days are then rolled up as the nightly `purge_expired` would. Every
ASCOF answer and check event before today is replaced too (they carry no mark of being demo
data).
"""

import datetime
import random

from django.utils import timezone

from analytics.models import CheckEvent, InformationEaseAnswer, ReferralEvent, SearchEvent
from analytics.retention import roll_up
from checks.events import Band, CheckKind
from demo.referrals import DemoReferrals, remove_demo_referrals
from demo.synthetic import SYNTHETIC_BACKEND, generate_events, remove_synthetic_events
from directory.models import Area, Service
from portal.information_ease import InformationEase, PageKind

DEMO_DAYS = 548  # 18 months: the default 90-day report has a whole earlier period to compare
DEMO_PER_DAY = 200
EASE_PER_DAY = 6
EASE_MIX = [
    (InformationEase.VERY_EASY, 30),
    (InformationEase.FAIRLY_EASY, 36),
    (InformationEase.FAIRLY_DIFFICULT, 14),
    (InformationEase.VERY_DIFFICULT, 7),
    (InformationEase.NEVER_TRIED, 13),
]
PAGE_MIX = [
    (PageKind.SEARCH, 45),
    (PageKind.LISTING, 30),
    (PageKind.ADVICE, 15),
    (PageKind.CONFIRMATION, 10),
]
CHECKS_PER_DAY = 8  # checks started a day, all kinds
CHECK_KIND_MIX = [(CheckKind.ADULT, 55), (CheckKind.CARER, 20), (CheckKind.COST, 25)]
CHECK_FINISHED_SHARE = 0.7
BAND_MIX = [(Band.LIKELY, 35), (Band.MAY_BE, 30), (Band.PROBABLY_NOT, 35)]
PROBABLY_NOT_THEN_LISTING = 0.4  # "probably not" results followed by a listing opened
FEEDBACK_SHARE = 0.85  # closed demo referrals whose referrer was sent feedback


def load(stdout, listings: int, seed: int, days: int = DEMO_DAYS) -> None:
    """Replace earlier synthetic events and their referrals with `days` days ending
    yesterday, then roll the events up."""
    removed_referrals = remove_demo_referrals()
    removed = remove_synthetic_events()
    services = list(Service.objects.live().values_list("pk", flat=True)[:500])
    referrals = DemoReferrals(seed=seed, now=timezone.now())
    written = generate_events(
        days=days, per_day=DEMO_PER_DAY, seed=seed, services=services, on_referral=referrals
    )
    by_status = referrals.send()
    notified = mark_feedback_sent(seed)
    answers = make_information_ease(days, seed)
    checks = make_check_events(days, seed)
    roll_up(through=timezone.localdate() - datetime.timedelta(days=1))
    stdout.write(
        f"  {written} synthetic search events over {days} days"
        + (f" (replacing {removed})" if removed else "")
    )
    stdout.write(
        f"  {sum(by_status.values())} referrals from those searches, sent through the queue: "
        + ", ".join(f"{count} {status}" for status, count in by_status.items())
        + (f" (replacing {removed_referrals})" if removed_referrals else "")
    )
    stdout.write(
        f"  {answers} answers to “Was it easy to find information about support?”; feedback "
        f"sent to the referrers of {notified} closed referrals; {checks} Care Act check events"
    )


def mark_feedback_sent(seed: int) -> int:
    """Mark most closed demo referrals as having sent their referrer feedback (what the
    outbox's `referrer_notified` signal does for real ones)."""
    rng = random.Random(seed)  # noqa: S311 - repeatable demo data
    sessions = SearchEvent.objects.filter(backend=SYNTHETIC_BACKEND).values("session_hash")
    closed = ReferralEvent.objects.filter(session_hash__in=sessions).exclude(outcome="")
    chosen = [pk for pk in closed.values_list("pk", flat=True) if rng.random() < FEEDBACK_SHARE]
    return ReferralEvent.objects.filter(pk__in=chosen).update(referrer_notified=True)


def make_information_ease(days: int, seed: int) -> int:
    """About EASE_PER_DAY answers a day over `days` days ending yesterday, replacing every
    answer before today; two in three with the ward of a postcode search."""
    rng = random.Random(seed + 3)  # noqa: S311 - repeatable demo data
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    InformationEaseAnswer.objects.filter(answered_hour__lt=midnight).delete()
    wards = list(Area.objects.filter(kind=Area.Kind.WARD).values_list("pk", flat=True))
    answers, answer_weights = zip(*EASE_MIX, strict=True)
    pages, page_weights = zip(*PAGE_MIX, strict=True)
    rows = []
    for day in range(days, 0, -1):
        start = midnight - datetime.timedelta(days=day)
        for _ in range(rng.randint(EASE_PER_DAY - 3, EASE_PER_DAY + 3)):
            rows.append(
                InformationEaseAnswer(
                    answered_hour=start + datetime.timedelta(hours=rng.randint(7, 22)),
                    answer=rng.choices(answers, weights=answer_weights)[0],
                    page_kind=rng.choices(pages, weights=page_weights)[0],
                    area_id=rng.choice(wards) if wards and rng.random() < 2 / 3 else None,
                )
            )
    InformationEaseAnswer.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def make_check_events(days: int, seed: int) -> int:
    """About CHECKS_PER_DAY checks started a day over `days` days ending yesterday, most of
    them finished, replacing every check event before today."""
    rng = random.Random(seed + 5)  # noqa: S311 - repeatable demo data
    midnight = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    CheckEvent.objects.filter(occurred_hour__lt=midnight).delete()
    kinds, kind_weights = zip(*CHECK_KIND_MIX, strict=True)
    bands, band_weights = zip(*BAND_MIX, strict=True)
    rows = []
    for day in range(days, 0, -1):
        start = midnight - datetime.timedelta(days=day)
        for _ in range(rng.randint(CHECKS_PER_DAY - 4, CHECKS_PER_DAY + 4)):
            hour = start + datetime.timedelta(hours=rng.randint(7, 21))
            kind = rng.choices(kinds, weights=kind_weights)[0]
            rows.append(CheckEvent(occurred_hour=hour, kind=kind, event="started"))
            if rng.random() >= CHECK_FINISHED_SHARE:
                continue
            band = "" if kind == CheckKind.COST else rng.choices(bands, weights=band_weights)[0]
            opened = band == Band.PROBABLY_NOT and rng.random() < PROBABLY_NOT_THEN_LISTING
            rows.append(
                CheckEvent(
                    occurred_hour=hour,
                    kind=kind,
                    event="finished",
                    band=band,
                    then_opened_listing=opened,
                )
            )
    CheckEvent.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
