"""Take down listings long past their review date: `manage.py check_overdue_listings [--dry-run]`.

Run daily from the scheduler. A live listing whose review date passed more than the review
policy's two periods ago ("may be out of date" after, then "take it down" after; Settings →
Listing review periods) is unpublished to the "needs checking" queue, never deleted.
Running it twice on a day takes nothing down twice.
"""

from django.core.management.base import BaseCommand

from directory.reviews import take_down_overdue


class Command(BaseCommand):
    help = "Unpublish listings long past their review date to the “needs checking” queue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be taken down; change nothing."
        )

    def handle(self, *args, dry_run: bool, **options):
        result = take_down_overdue(dry_run=dry_run)
        verb = "would take down" if dry_run else "took down"
        for service in result["taken_down"]:
            self.stdout.write(
                f"{verb} {service.name} ({service.pk}), review due {service.review_due}"
            )
        done = "would be taken down" if dry_run else "taken down"
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(result['taken_down'])} listing(s) {done}; "
                f"{result['needs_checking']} listing(s) need checking."
            )
        )
