"""Recording the anonymous events other apps emit for prevention analytics (DESIGN §6).

Called by `analytics.receivers` when search, the directory and referrals send their signals;
no other app imports this module.

What is stored: the hour, the query scrubbed of emails, phone numbers, full postcodes, long
numbers and titled names and then masked (`analytics.vocabulary.mask_query`: words that are
neither common English nor published by Signpost, and numbers that could be a date of birth,
become "[word]" and "[number]"), the filters, the postcode district (never the full postcode), the ward
when a full postcode was given, the result count, latency, backend, a session hash that
rotates daily, and a visit hash (the session's, or without one a keyed hash of the address and
browser, with a key that changes every day) so reports can count the distinct visits that typed
the same words. The words and the visit hash are blanked after SEARCH_QUERY_TEXT_RETENTION_DAYS
(`analytics.retention`). No IP address, no cookie set for analytics. Recording never breaks or slows a
search: any failure is logged (without the query) and swallowed.

A result opened from a search page carries the event's id in its link (`?from=search&pos=3&
search=123`), so the click is tied to its search without writing to the visitor's session on
every search (and without giving a session to everyone who searches).
"""

import datetime
import logging
import re
from contextlib import nullcontext

from django.db import DatabaseError, transaction
from django.utils import timezone

from analytics.models import (
    CheckEvent,
    InformationEaseAnswer,
    ReferralEvent,
    SearchClick,
    SearchEvent,
)
from analytics.vocabulary import mask_query
from portal.information_ease import InformationEase, PageKind
from portal.visits import visit_key
from referrals.choices import route_for

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200
# A click is tied to its search only while the search is this recent: a result link passed on
# to someone else (with its ?search=) days later is not a click on that search.
CLICK_WINDOW = datetime.timedelta(days=1)

_EMAIL = re.compile(r"\S*@\S*")  # anything with an @ in it: addresses take many shapes
_FULL_POSTCODE = re.compile(r"\b([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})\b", re.IGNORECASE)
_PHONE = re.compile(r"(?:(?:\+|00)\s?44\s?\(?0?\)?|\b0)(?:[\s().-]*\d){9,10}\b")
_LONG_NUMBER = re.compile(r"\d(?:[\s-]?\d){4,}")
# "Mrs Jones", "dr a smith", "Mr John Smith": a title, a word, and a second capitalised word.
_TITLED_NAME = re.compile(
    r"\b(?i:mr|mrs|ms|miss|mx|dr|doctor)\.?\s+[A-Za-z][\w'-]*(?:\s+[A-Z][\w'-]*)?"
)


def scrub_query(text: str) -> str:
    """Query text safe to keep: personal details replaced, lower case, single spaces, capped."""
    text = (text or "")[: MAX_QUERY_CHARS * 3]
    text = _EMAIL.sub(" [email] ", text)
    text = _FULL_POSTCODE.sub(lambda m: f" {m.group(1).upper()} ", text)
    text = _PHONE.sub(" [phone] ", text)
    text = _LONG_NUMBER.sub(" [number] ", text)
    text = _TITLED_NAME.sub(" [name] ", text)
    return " ".join(text.lower().split())[:MAX_QUERY_CHARS]


def session_hash(request, day: datetime.date | None = None) -> str:
    """The visit key (portal.visits): what the events' `session_hash` and `visit` hold, one
    value for one visitor on one day, whether or not they have a session, so a search and
    the referral sent after it carry the same key. Never creates a session or a cookie."""
    return visit_key(request, day)


visit_hash = session_hash  # SearchEvent.visit: the same key, blanked with the words


def stored_query(text: str) -> str:
    """The words of a search as they may be stored: scrubbed, then masked."""
    return mask_query(scrub_query(text))


def _hour(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()).replace(minute=0, second=0, microsecond=0)


def _own_savepoint():
    """A savepoint when inside a transaction, so a failed write leaves the caller's transaction
    usable; nothing otherwise (in autocommit one INSERT is its own transaction: no BEGIN and
    COMMIT round trips on every search)."""
    return transaction.atomic() if transaction.get_connection().in_atomic_block else nullcontext()


def record_search(request, query, results, place=None, *, is_carer_search: bool = False):
    """Write a SearchEvent for a public search; returns it, or None if writing failed.

    `query` and `results`: the search's `search.query.ServiceQuery` and `ServiceResults`;
    `place`: the resolved `directory.geography.Place`, if any; `is_carer_search`: whether the
    search was for carers' support (search decides, from its synonyms).
    """
    try:
        postcode_district, area = "", None
        if place is not None:
            postcode_district = (getattr(place, "outcode", "") or "")[:4]
            if getattr(place, "is_postcode", False) and getattr(place, "ward_code", ""):
                area = place.ward
        with _own_savepoint():
            return SearchEvent.objects.create(
                occurred_hour=_hour(),
                query=stored_query(query.text),
                categories=list(query.categories),
                category=query.categories[0] if query.categories else "",
                kind=query.kind or "",
                filters={
                    "radius": query.radius_miles if query.has_point else None,
                    "open_now": query.open_now,
                    "free": query.free_only,
                    "age": query.age,
                    # search.features keys (never free text: unknown values never get here)
                    "access": list(query.access),
                    "languages": list(query.languages),
                    "no_referral": query.no_referral,
                    "days": list(query.days),
                    "evening_weekend": query.evening_weekend,
                    "sort": query.sort,
                    "page": query.page,
                },
                postcode_district=postcode_district,
                area=area,
                result_count=results.total,
                latency_ms=round(results.latency_ms, 2),
                backend=results.backend[:20],
                session_hash=session_hash(request),
                visit=visit_hash(request),
                is_carer_search=is_carer_search,
            )
    except (DatabaseError, ValueError, TypeError, AttributeError) as error:
        logger.warning("Could not record a search event: %s", type(error).__name__)
        return None


REPORTED_BACKEND = "reported"  # SearchEvents written for "tell us what was missing"


def record_missing(request, text: str, event_id: int | None = None):
    """Write what a resident says they looked for and could not find as a zero-result
    SearchEvent (backend "reported"), so the unmet need report counts it with the searches
    that found nothing. Scrubbed like a query; the area and district come from the search it
    followed (`event_id`, if recent). Returns the event, or None if writing failed."""
    try:
        searched = (
            SearchEvent.objects.filter(pk=event_id, occurred_hour__gte=_hour() - CLICK_WINDOW)
            .only("area_id", "postcode_district", "categories", "category", "is_carer_search")
            .first()
            if event_id
            else None
        )
        with _own_savepoint():
            return SearchEvent.objects.create(
                occurred_hour=_hour(),
                query=scrub_query(text),
                categories=list(searched.categories) if searched else [],
                category=searched.category if searched else "",
                filters={"reported": True},
                postcode_district=searched.postcode_district if searched else "",
                area_id=searched.area_id if searched else None,
                result_count=0,
                backend=REPORTED_BACKEND,
                session_hash=session_hash(request),
                is_carer_search=searched.is_carer_search if searched else False,
            )
    except (DatabaseError, ValueError, TypeError, AttributeError) as error:
        logger.warning("Could not record a missing need: %s", type(error).__name__)
        return None


def record_click(request, service, position: int | None = None, event_id: int | None = None):
    """Write a SearchClick for a result opened from a search; returns it, or None on failure.

    `event_id`: the SearchEvent the result link came from (its `?search=`), if any; a
    missing, unknown or stale one leaves the click without its search.
    """
    try:
        event = (
            SearchEvent.objects.filter(
                pk=event_id, occurred_hour__gte=_hour() - CLICK_WINDOW
            ).first()
            if event_id
            else None
        )
        with _own_savepoint():
            return SearchClick.objects.create(
                event=event,
                service_id=getattr(service, "pk", service),
                position=position if position is None else max(0, min(int(position), 32767)),
                occurred_hour=_hour(),
                session_hash=session_hash(request),
            )
    except (DatabaseError, ValueError, TypeError, AttributeError) as error:
        logger.warning("Could not record a search click: %s", type(error).__name__)
        return None


def record_referral(referral, *, visit: str = "") -> ReferralEvent:
    """Write the anonymous ReferralEvent for a just-stored `referrals.Referral`.

    Called inside the referral's own transaction, so the two are stored together or not at
    all; linked only by the referral's random `event_token`, never its reference.
    """
    return ReferralEvent.objects.create(
        token=referral.event_token,
        created_hour=_hour(referral.created_at),
        team=referral.team,
        area=referral.area,
        postcode_district=referral.postcode_district,
        is_carer=referral.is_carer,
        carer_assessment_requested=referral.carer_assessment_requested,
        needs=referral.needs,
        session_hash=visit[:16],
        route=route_for(referral.filled_in_by),
    )


def mark_searches_followed_by(visit: str, referral) -> int:
    """Mark the searches this visit made earlier the same day as followed by a referral (the
    funnel's "searched, then asked for help"); how many were marked."""
    if not visit:
        return 0
    sent = referral.created_at
    return SearchEvent.objects.filter(
        session_hash=visit,
        occurred_hour__gte=timezone.localtime(sent).replace(
            hour=0, minute=0, second=0, microsecond=0
        ),
        occurred_hour__lte=sent,
        followed_by_referral=False,
    ).update(followed_by_referral=True)


def record_referral_outcome(referral) -> None:
    """Copy a referral's outcome (and the month it closed) to its event; "" when reopened."""
    closed_month = referral.closed_at.date().replace(day=1) if referral.closed_at else None
    ReferralEvent.objects.filter(token=referral.event_token).update(
        outcome=referral.outcome or "", closed_month=closed_month
    )


def record_referral_progress(referral) -> None:
    """Copy when a referral was first contacted and first closed (to the hour) to its event,
    for the First Contact measures' times to first contact and to close."""
    first_contact = referral.first_contacted_at
    first_closed = referral.first_closed_at
    ReferralEvent.objects.filter(token=referral.event_token).update(
        first_contact_hour=_hour(first_contact) if first_contact else None,
        first_closed_hour=_hour(first_closed) if first_closed else None,
    )


def record_referrer_notified(referral) -> None:
    """Mark that the person who referred was sent feedback (any notification kind)."""
    ReferralEvent.objects.filter(token=referral.event_token).update(referrer_notified=True)


def record_information_ease(answer: str, page_kind: str, visit: str = ""):
    """Store an answer to the ASCOF 3D question; returns it, or None if it was not stored.

    The ward is the one of the visit's latest postcode search today, if any (the visit key is
    used to find it and is not stored). Never breaks the page: failures are logged."""
    if answer not in InformationEase.values or page_kind not in PageKind.values:
        return None
    try:
        now = timezone.now()
        area_id = None
        if visit:
            midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
            area_id = (
                SearchEvent.objects.filter(
                    session_hash=visit, occurred_hour__gte=midnight, area__isnull=False
                )
                .order_by("-occurred_hour", "-id")
                .values_list("area_id", flat=True)
                .first()
            )
        with _own_savepoint():
            return InformationEaseAnswer.objects.create(
                answered_hour=_hour(now), answer=answer, page_kind=page_kind, area_id=area_id
            )
    except (DatabaseError, ValueError, TypeError) as error:
        logger.warning("Could not record an information ease answer: %s", type(error).__name__)
        return None


def _midnight(now: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)


def record_check(request, kind: str, event: str, band: str = "", run: str = ""):
    """Write a CheckEvent (kind, started or finished, band); returns it, or None when it was
    not stored: a finished run already counted today (a reloaded result), or a failure
    (logged, never breaking the page). No answer, amount or postcode ever reaches here."""
    try:
        now = timezone.now()
        if (
            run
            and CheckEvent.objects.filter(
                run=run, kind=kind, event=event, occurred_hour__gte=_midnight(now)
            ).exists()
        ):
            return None
        with _own_savepoint():
            return CheckEvent.objects.create(
                occurred_hour=_hour(now),
                kind=kind,
                event=event,
                band=band,
                visit=visit_hash(request),
                run=run[:16],
            )
    except (DatabaseError, ValueError, TypeError) as error:
        logger.warning("Could not record a check event: %s", type(error).__name__)
        return None


def mark_checks_followed_by_listing(request) -> int:
    """A listing was opened: mark the checks this visit finished earlier today as followed by
    a listing opened (the prevention measure "probably not eligible, then found local
    support"); how many were marked."""
    visit = visit_hash(request)
    if not visit:
        return 0
    now = timezone.now()
    return CheckEvent.objects.filter(
        visit=visit,
        event=CheckEvent.Event.FINISHED,
        occurred_hour__gte=_midnight(now),
        occurred_hour__lte=now,
        then_opened_listing=False,
    ).update(then_opened_listing=True)
