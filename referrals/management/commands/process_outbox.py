"""Send due referral notifications: `manage.py process_outbox [--limit N] [--retry-dead]
[--every SECONDS]` (run every minute by a scheduler, or with --every as a long-running worker).

Referrals are never notified from the request that stores them: this command sends.

`--retry-dead` first gives every dead-lettered message a fresh set of tries, for after a mail
server or webhook outage is mended. While dead messages remain, each run logs a warning: the
line to alert on.

Several workers: on PostgreSQL run as many as you like (they split the queue with row locks,
SKIP LOCKED, and each message is still sent once: referrals.outbox.claim_batch). On SQLite
only one runs: it holds a lock on a file beside the database for as long as it runs, and a
second one started meanwhile says so and exits with status 0 (a scheduled run overlapping a
slow one is normal, and the running worker sends everything due).
"""

import fcntl
import time
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection

from referrals import outbox


class Command(BaseCommand):
    help = "Send pending referral emails and webhooks, retrying failures with backoff."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="Most messages to try this run.")
        parser.add_argument(
            "--retry-dead",
            action="store_true",
            help="First give every dead message (failed every retry) a fresh set of tries.",
        )
        parser.add_argument(
            "--every",
            type=float,
            default=0,
            metavar="SECONDS",
            help="Keep running, sending what is due every SECONDS (`make run` uses 5).",
        )

    def handle(self, *args, limit: int, retry_dead: bool, every: float, **options):
        with sqlite_single_worker() as alone:
            if not alone:
                self.stderr.write(ANOTHER_WORKER)
                return
            self.work(limit, retry_dead, every)

    def work(self, limit: int, retry_dead: bool, every: float) -> None:
        if retry_dead:
            self.stdout.write(f"Outbox: {outbox.retry_dead()} dead messages queued again.")
        self.run_once(limit, quiet=False)
        while every > 0:  # until stopped (Ctrl+C, or the process manager)
            time.sleep(every)
            self.run_once(limit, quiet=True)

    def run_once(self, limit: int, quiet: bool) -> None:
        """Send what is due; report it (as a worker, only when something was sent or failed)."""
        counts = outbox.process(limit=limit)
        dead = outbox.dead_count()
        if quiet and not (counts["sent"] or counts["failed"]):
            return
        self.stdout.write(
            f"Outbox: {counts['sent']} sent, {counts['failed']} failed, "
            f"{counts['skipped']} taken by another worker, {outbox.backlog()} pending, "
            f"{dead} dead."
        )
        if dead:
            outbox.logger.warning(
                "Outbox: %s dead messages need attention (process_outbox --retry-dead)", dead
            )


ANOTHER_WORKER = "Outbox: another process_outbox is running; on SQLite run only one. Exiting."


@contextmanager
def sqlite_single_worker():
    """Yields True if this process may send: always on PostgreSQL; on SQLite only while it
    holds the lock on `<database>.process_outbox.lock` (released when the process ends, even
    if killed). A database in memory is this process's own: no lock needed."""
    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        yield True
        return
    with Path(f"{name}.process_outbox.lock").open("a") as lock_file:
        try:
            fcntl.flock(lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)
