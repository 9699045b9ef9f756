"""Demo data for analytics and the referral queues: 18 months of synthetic searches, and the
self-referrals that followed them sent through the referrals service (demo.referrals), so
the dashboards at /admin/analytics/ compare every period with a full earlier one and count
the same referrals the queues at /admin/referrals/ hold. Called by `manage.py load_demo_data`.

Idempotent: earlier demo events and their referrals are replaced, so the data always ends
yesterday; complete days are then rolled up as the nightly `purge_expired` would.
"""

import datetime

from django.utils import timezone

from analytics.retention import roll_up
from demo.referrals import DemoReferrals, remove_demo_referrals
from demo.synthetic import generate_events, remove_synthetic_events
from directory.models import Service

DEMO_DAYS = 548  # 18 months: the default 90-day report has a whole earlier period to compare
DEMO_PER_DAY = 200


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
