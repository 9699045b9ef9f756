"""Demo data for search analytics: 90 days of synthetic search and referral events, so the
dashboards at /admin/analytics/ have something to show. Called by `manage.py load_demo_data`.

Idempotent: earlier demo events are replaced, so the 90 days always end yesterday; complete
days are then rolled up as the nightly `purge_expired` would.
"""

import datetime

from django.utils import timezone

from analytics.retention import roll_up
from demo.synthetic import generate_events, remove_synthetic_events
from directory.models import Service

DEMO_DAYS = 90
DEMO_PER_DAY = 300


def load(stdout, listings: int, seed: int) -> None:
    """Replace earlier synthetic events with 90 days ending yesterday, then roll them up."""
    removed = remove_synthetic_events()
    services = list(Service.objects.live().values_list("pk", flat=True)[:500])
    written = generate_events(days=DEMO_DAYS, per_day=DEMO_PER_DAY, seed=seed, services=services)
    roll_up(through=timezone.localdate() - datetime.timedelta(days=1))
    stdout.write(
        f"  {written} synthetic search events over {DEMO_DAYS} days"
        + (f" (replacing {removed})" if removed else "")
    )
