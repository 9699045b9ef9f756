"""Pulling a `Source`: open its feed, import it as the source's listings, report the run.

`pull(source)` is what `manage.py sync_sources` runs for each due source; the CSV importer
passes its own `Feed` (`pull(source, feed=…, dry_run=…)`).

- An API is read page by page from `source.resume_page`; each page reached is stored, so a
  pull that fails part way (`SourceError`: timeouts after retries, a bad answer) goes on from
  that page next time. A complete pass sets it back to 0.
- Records are saved one by one (each in its own transaction), so what a failed pull took in is
  kept. A dry run imports inside one transaction that is rolled back: it writes nothing, not
  even its `SyncRun` (the unsaved run is returned, with its counts).
- After a complete pass, a record the source no longer lists is flagged `withdrawn_at` (its
  listing is kept, never deleted) and counted "withdrawn"; one that comes back is unflagged.
"""

import datetime
import logging
from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone

from directory.models import Source, SourceRecord, SyncRun
from directory.oruk.sources import REQUEST_TIMEOUT_SECONDS, Feed, SourceError, iter_api, open_feed
from directory.sources.importer import SourcedImporter

MAX_REASONS_KEPT = 500

logger = logging.getLogger(__name__)


def pull(
    source: Source,
    *,
    feed: Feed | None = None,
    dry_run: bool = False,
    complete: bool = True,
    progress: Callable[[Iterable], Iterable] = iter,
    timeout: float = REQUEST_TIMEOUT_SECONDS,
) -> SyncRun:
    """Pull the source once; the run's report (saved unless a dry run). A `feed` that is not
    `complete` (a CSV file imported without its bad rows) flags nothing as withdrawn."""
    run = SyncRun(source=source, dry_run=dry_run, started_at=timezone.now())
    if not dry_run:
        run.save()
    if dry_run:
        with transaction.atomic():
            _import(source, run, feed, progress, timeout, dry_run=True, complete=complete)
            transaction.set_rollback(True)
        return run
    _import(source, run, feed, progress, timeout, dry_run=False, complete=complete)
    run.save()
    source.last_pulled_at = run.finished_at
    source.last_result = describe(run)[:300]
    source.save(update_fields=["last_pulled_at", "last_result", "resume_page"])
    return run


def _import(source, run, feed, progress, timeout, *, dry_run: bool, complete: bool) -> None:
    importer = SourcedImporter(source)
    resumed_from = source.resume_page

    def reached(page: int) -> None:
        if not dry_run:
            source.resume_page = page
            Source.objects.filter(pk=source.pk).update(resume_page=page)

    try:
        if feed is None:
            feed = open_source(source, timeout=timeout, on_page=reached, from_start=dry_run)
        importer.run(feed, progress=progress)
    except SourceError as error:
        run.status = SyncRun.Status.FAILED
        run.reasons = [str(error)[:500]]
    except Exception as error:  # a bug must not leave the run "running" for ever
        logger.exception("Pulling source %s failed", source.pk)
        run.status = SyncRun.Status.FAILED
        run.reasons = [f"Unexpected error ({type(error).__name__}); see the server log."]
    else:
        run.status = SyncRun.Status.COMPLETED
        run.reasons = []
        if not dry_run:
            source.resume_page = 0
            if complete:
                run.withdrawn = flag_withdrawn(source, importer, run, resumed_from)
    summary = importer.summary
    run.created, run.updated, run.unchanged = summary.created, summary.updated, summary.unchanged
    run.held, run.failed = summary.held, summary.invalid
    if summary.possible_duplicates:
        run.reasons.append(
            f"{summary.possible_duplicates} new listings look like listings we already have: "
            "they wait unpublished in Directory → Possible duplicates."
        )
    run.reasons = (run.reasons + summary.reasons)[:MAX_REASONS_KEPT]
    run.finished_at = timezone.now()


def open_source(source: Source, *, timeout: float, on_page=None, from_start=False) -> Feed:
    """The source's feed: its API from the page it got to (or the first), or its file."""
    if not source.location:
        raise SourceError(f"{source.name} has no address or file to pull from.")
    if source.kind == Source.Kind.API:
        return Feed(
            services=iter_api(
                source.location,
                timeout=timeout,
                start_page=1 if from_start else source.resume_page or 1,
                on_page=on_page,
            )
        )
    if source.kind == Source.Kind.FILE:
        return open_feed(source.location, timeout=timeout)
    raise SourceError(f"{source.name} is a CSV source: import it with import_csv or an upload.")


def flag_withdrawn(source: Source, importer: SourcedImporter, run: SyncRun, resumed_from) -> int:
    """Flag the source's records this pass did not see; how many were flagged."""
    if not importer.seen:
        run.reasons.append("The source listed no services: nothing was flagged as withdrawn.")
        return 0
    pass_started = pass_start(source, run) if resumed_from else run.started_at
    # Every record seen in this pass has had its last_seen set since it began.
    gone = SourceRecord.objects.filter(
        source=source, withdrawn_at__isnull=True, last_seen__lt=pass_started
    )
    return gone.update(withdrawn_at=timezone.now())


def pass_start(source: Source, run: SyncRun) -> datetime.datetime:
    """When the pass this resumed pull completes began: the first of the failed (or killed,
    still "running") pulls just before it (records seen since then are in this pass)."""
    started = run.started_at
    for earlier in source.runs.filter(dry_run=False, started_at__lt=run.started_at):
        if earlier.status == SyncRun.Status.COMPLETED:
            break
        started = earlier.started_at
    return started


def describe(run: SyncRun) -> str:
    """One line: what the run did."""
    counts = (
        f"{run.created} created, {run.updated} updated, {run.unchanged} unchanged, "
        f"{run.held} held, {run.withdrawn} withdrawn, {run.failed} failed"
    )
    if run.status == SyncRun.Status.FAILED:
        reason = run.reasons[0] if run.reasons else "unknown reason"
        return f"Failed: {reason} ({counts})"
    return counts.capitalize()
