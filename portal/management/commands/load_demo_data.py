"""Load deterministic demo content for every app: `manage.py load_demo_data [--listings N] [--seed S]`.

Each app that has demo content provides `<app>/demo.py` with `load(stdout, listings, seed)`;
they run in dependency order (directory first, so advice can link to listings).
"""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

DEMO_APPS = ["portal", "directory", "search", "advice", "carers", "referrals"]


class Command(BaseCommand):
    help = "Create realistic, deterministic demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--listings", type=int, default=320, help="How many services to create."
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed, for repeatable data."
        )

    def handle(self, *args, listings, seed, **options):
        if not settings.DEBUG and not getattr(settings, "ALLOW_DEMO_DATA", False):
            raise CommandError("Demo data is for development only (DEBUG is off).")
        for app in DEMO_APPS:
            try:
                module = import_module(f"{app}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.demo":
                    raise
                continue
            self.stdout.write(f"Demo data: {app}")
            module.load(stdout=self.stdout, listings=listings, seed=seed)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
