"""Analytics listens to the events the other apps send (DESIGN §1: nothing imports analytics).

Connected once, from `AnalyticsConfig.ready()`.
"""

from analytics import events
from analytics.models import CheckEvent
from checks.events import check_finished, check_started
from directory.events import service_opened
from portal.events import information_rated
from referrals.events import (
    referral_outcome_changed,
    referral_progressed,
    referral_submitted,
    referrer_notified,
)
from search.events import missing_reported, search_performed


def _search_performed(sender, request, query, results, place=None, is_carer_search=False, **_):
    return events.record_search(request, query, results, place, is_carer_search=is_carer_search)


def _missing_reported(sender, request, text, event_id=None, **_):
    return events.record_missing(request, text, event_id)


def _service_opened(sender, request, service, position=None, event_id=None, **_):
    click = events.record_click(request, service, position, event_id)
    events.mark_checks_followed_by_listing(request)
    return click


def _check_started(sender, request, kind, **_):
    return events.record_check(request, kind, CheckEvent.Event.STARTED)


def _check_finished(sender, request, kind, band="", run="", **_):
    return events.record_check(request, kind, CheckEvent.Event.FINISHED, band, run)


def _referral_submitted(sender, referral, visit="", **_):
    event = events.record_referral(referral, visit=visit)
    events.mark_searches_followed_by(visit, referral)
    return event


def _referral_outcome_changed(sender, referral, **_):
    events.record_referral_outcome(referral)


def _referral_progressed(sender, referral, **_):
    events.record_referral_progress(referral)


def _referrer_notified(sender, referral, kind="", **_):
    events.record_referrer_notified(referral)


def _information_rated(sender, answer, page_kind, visit="", **_):
    return events.record_information_ease(answer, page_kind, visit)


def connect() -> None:
    search_performed.connect(_search_performed, dispatch_uid="analytics.search_performed")
    missing_reported.connect(_missing_reported, dispatch_uid="analytics.missing_reported")
    service_opened.connect(_service_opened, dispatch_uid="analytics.service_opened")
    referral_submitted.connect(_referral_submitted, dispatch_uid="analytics.referral_submitted")
    referral_outcome_changed.connect(
        _referral_outcome_changed, dispatch_uid="analytics.referral_outcome_changed"
    )
    referral_progressed.connect(_referral_progressed, dispatch_uid="analytics.referral_progressed")
    referrer_notified.connect(_referrer_notified, dispatch_uid="analytics.referrer_notified")
    check_started.connect(_check_started, dispatch_uid="analytics.check_started")
    check_finished.connect(_check_finished, dispatch_uid="analytics.check_finished")
    information_rated.connect(_information_rated, dispatch_uid="analytics.information_rated")
