"""manage.py sync_sources [--source NAME] [--all] [--dry-run]: pull the sources that are due."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from directory.models import Source, SyncRun
from directory.sources.sync import describe, pull

MAX_REASONS_SHOWN = 50


class Command(BaseCommand):
    help = (
        "Pull each source that is due (Admin → Directory → Sources), or the one named, "
        "and report each run. Exits with 1 if any pull failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", help="Pull this source (by name), due or not.")
        parser.add_argument(
            "--all", action="store_true", help="Pull every active source, due or not."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would happen; change nothing."
        )
        parser.add_argument(
            "--timeout", type=float, default=20, help="Seconds to wait for each API request."
        )

    def handle(self, *args, source, all, dry_run, timeout, **options):  # noqa: A002
        if source:
            chosen = list(Source.objects.filter(name=source))
            if not chosen:
                raise CommandError(f"No source called {source!r}.")
        elif all:
            chosen = list(Source.objects.filter(is_active=True))
        else:
            chosen = [each for each in Source.objects.filter(is_active=True) if each.is_due()]
        failed = False
        for each in chosen:
            run = pull(
                each,
                dry_run=dry_run,
                timeout=timeout,
                progress=lambda records, name=each.name: tqdm(
                    records,
                    desc=name,
                    unit="service",
                    file=self.stderr._out,
                    disable=options["verbosity"] == 0,
                    mininterval=0.5,
                ),
            )
            failed = failed or run.status == SyncRun.Status.FAILED
            self.report(each, run)
        if not chosen:
            self.stdout.write("No source is due.")
        if failed:
            sys.exit(1)

    def report(self, source: Source, run: SyncRun) -> None:
        prefix = "Dry run, nothing saved: " if run.dry_run else ""
        line = f"{prefix}{source.name}: {describe(run)}"
        ok = run.status != SyncRun.Status.FAILED
        self.stdout.write(self.style.SUCCESS(line) if ok else self.style.ERROR(line))
        reasons = run.reasons[1:] if not ok else run.reasons
        for reason in reasons[:MAX_REASONS_SHOWN]:
            self.stdout.write(self.style.WARNING(f"  {reason}"))
        if len(reasons) > MAX_REASONS_SHOWN:
            self.stdout.write(f"  … and {len(reasons) - MAX_REASONS_SHOWN} more.")
