"""Load deterministic demo content for every app:
`manage.py load_demo_data [--listings N] [--seed S] [--analytics-days D]`.

Each module in LOADERS provides `load(stdout, listings, seed)`; they run in dependency order
(the directory first, so the search index, analytics events and advice can use its listings).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import advice, analytics, carers, directory, portal, search

LOADERS = {
    "portal": portal,
    "directory": directory,
    "search": search,
    "analytics": analytics,
    "advice": advice,
    "carers": carers,
}


class Command(BaseCommand):
    help = "Create realistic, deterministic demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--listings", type=int, default=320, help="How many services to create."
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed, for repeatable data."
        )
        parser.add_argument(
            "--analytics-days",
            type=int,
            default=analytics.DEMO_DAYS,
            help="Days of synthetic searches and referrals, ending yesterday (default 18 months).",
        )

    def handle(self, *args, listings, seed, analytics_days, **options):
        if not settings.DEBUG and not getattr(settings, "ALLOW_DEMO_DATA", False):
            raise CommandError("Demo data is for development only (DEBUG is off).")
        for name, module in LOADERS.items():
            self.stdout.write(f"Demo data: {name}")
            extra = {"days": analytics_days} if module is analytics else {}
            module.load(stdout=self.stdout, listings=listings, seed=seed, **extra)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
