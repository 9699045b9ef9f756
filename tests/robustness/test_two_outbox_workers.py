"""Drill: two `process_outbox` workers (real processes) started together.

On PostgreSQL they split the queue (SELECT … FOR UPDATE SKIP LOCKED, then the lease UPDATE)
and every message leaves exactly once. On SQLite only one may run: a second one says so and
exits with status 0, sending nothing.
"""

import fcntl
import os
import re
import subprocess
import sys

import pytest
from django.db import connection

from referrals import outbox
from referrals.models import OutboxMessage
from tests.live_server import ROOT, database_url
from tests.robustness.in_step import start_in_step

pytestmark = pytest.mark.django_db(transaction=True)

MESSAGES = 200
# Each worker sets Django up, says it is ready, then waits for the word to go: both start
# sending at the same moment, whatever their start-up took on a loaded machine.
WORKER = """
import os, sys, time
from pathlib import Path
import django
django.setup()
from django.core.management import call_command
Path(os.environ["READY_FILE"]).touch()
while not Path(os.environ["GO_FILE"]).exists():
    time.sleep(0.01)
call_command("process_outbox", "--limit", "1000")
"""


def worker_environment(tmp_path, mail_dir) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": database_url(tmp_path),
        "PYTHONPATH": str(ROOT),
        "TEST_EMAIL_URL": f"file://{mail_dir}",
    }


def queue_staff_emails(count: int) -> None:
    for number in range(count):
        outbox.enqueue_account_email(
            to=[f"staff{number}@council.example"],
            subject=f"Message {number:03d}",
            text="A test message.",
            idempotency_key=f"drill-{number}",
        )


def subjects_sent(mail_dir) -> list[str]:
    """Every subject line the file email backend wrote, one per email sent."""
    return [
        subject
        for path in mail_dir.iterdir()
        for subject in re.findall(r"^Subject: (.+)$", path.read_text(), flags=re.MULTILINE)
    ]


def test_two_workers_on_postgresql_send_each_message_exactly_once(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite has no row locks: one process_outbox runs at a time there (the next test); "
            "the PostgreSQL run of the suite covers two workers"
        )
    queue_staff_emails(MESSAGES)
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    workers = start_in_step(
        WORKER,
        {str(n): worker_environment(tmp_path, mail_dir) for n in (1, 2)},
        tmp_path,
        "workers",
    )
    sent_by = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err[-3000:]
        assert "Traceback" not in err, err[-3000:]
        sent_by.append(int(re.search(r"Outbox: (\d+) sent, 0 failed", out).group(1)))

    subjects = subjects_sent(mail_dir)
    assert len(subjects) == MESSAGES
    assert sorted(subjects) == [f"Message {n:03d}" for n in range(MESSAGES)]  # each once
    assert sum(sent_by) == MESSAGES
    assert all(sent_by), f"one worker sent everything ({sent_by}): they did not share the queue"
    attempts = set(OutboxMessage.objects.values_list("status", "attempts"))
    assert attempts == {(OutboxMessage.Status.SENT, 1)}


def test_on_sqlite_a_second_worker_says_so_and_sends_nothing(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL lets several workers run (the test above)")
    queue_staff_emails(3)
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    environment = worker_environment(tmp_path, mail_dir)
    database = environment["DATABASE_URL"].removeprefix("sqlite:///")
    command = [sys.executable, "manage.py", "process_outbox"]

    with open(f"{database}.process_outbox.lock", "a") as held:  # the first worker, running
        fcntl.flock(held, fcntl.LOCK_EX)
        second = subprocess.run(  # noqa: S603 - our own fixed command line
            command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
        )
        fcntl.flock(held, fcntl.LOCK_UN)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "another process_outbox is running; on SQLite run only one" in second.stderr
    assert "sent" not in second.stdout
    assert subjects_sent(mail_dir) == []

    alone = subprocess.run(  # noqa: S603 - our own fixed command line
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert alone.returncode == 0, alone.stderr[-3000:]
    assert "Outbox: 3 sent" in alone.stdout
    assert len(subjects_sent(mail_dir)) == 3
