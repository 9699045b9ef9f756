"""Searched, then asked for help (#23, item 4): a search and the referral sent after it in
the same visit carry one visit key, and the search is marked as followed by a referral,
with no cookie for analytics."""

import datetime

import pytest
from django.utils import timezone

from analytics.events import mark_searches_followed_by
from analytics.models import ReferralEvent, SearchEvent
from referrals.models import Referral
from tests.referrals.conftest import gazetteer, walk  # noqa: F401 (gazetteer: a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gazetteer")]


def test_a_search_then_a_referral_in_one_visit_is_counted(client):
    client.get("/services/", {"q": "lunch club"})
    search = SearchEvent.objects.get()
    assert search.session_hash and not search.followed_by_referral
    walk(client, "myself")
    referral = Referral.objects.get()
    event = ReferralEvent.objects.get(token=referral.event_token)
    assert event.session_hash == search.session_hash
    search.refresh_from_db()
    assert search.followed_by_referral


def test_another_visitors_search_is_not_marked(client):
    client.get("/services/", {"q": "lunch club"}, REMOTE_ADDR="203.0.113.9")
    walk(client, "myself")
    assert not SearchEvent.objects.get().followed_by_referral


def test_only_the_same_days_searches_before_the_referral_count():
    now = timezone.now()
    kept = {"occurred_hour": now.replace(minute=0, second=0, microsecond=0), "session_hash": "k"}
    today = SearchEvent.objects.create(**kept)
    yesterday = SearchEvent.objects.create(
        **{**kept, "occurred_hour": kept["occurred_hour"] - datetime.timedelta(days=1)}
    )
    referral = Referral(created_at=now)
    assert mark_searches_followed_by("k", referral) == 1
    today.refresh_from_db()
    yesterday.refresh_from_db()
    assert today.followed_by_referral and not yesterday.followed_by_referral
    assert mark_searches_followed_by("", referral) == 0
