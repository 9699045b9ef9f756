"""Check live listings' websites still open: `manage.py check_websites [--limit N] [--timeout S]`.

Run from the scheduler (weekly is plenty), never in a request: it goes on the internet.
The results feed the `broken_website` quality check (directory.quality).
"""

from django.core.management.base import BaseCommand, CommandError

from directory.websites import DEFAULT_TIMEOUT_SECONDS, check_websites


class Command(BaseCommand):
    help = "Check each live listing's website opens, and record the result."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=None, help="Check at most N websites (oldest first)."
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=DEFAULT_TIMEOUT_SECONDS,
            help=f"Seconds to wait for each website (default {DEFAULT_TIMEOUT_SECONDS:g}).",
        )

    def handle(self, *args, limit, timeout, **options):
        if limit is not None and limit < 1:
            raise CommandError("--limit must be 1 or more.")
        if timeout <= 0:
            raise CommandError("--timeout must be more than 0 seconds.")
        counts = check_websites(limit=limit, timeout=timeout)
        self.stdout.write(
            f"{counts['checked']} website(s) checked: {counts['ok']} opened, "
            f"{counts['failed']} did not; {counts['without_website']} live listing(s) "
            "have no website."
        )
