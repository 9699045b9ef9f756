"""Fixtures for analytics tests: users with and without the analytics permission, a
hand-built set of areas, listings, search events and referral events."""

import dataclasses
import datetime
import uuid
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from analytics import reports
from analytics.models import ReferralEvent, SearchClick, SearchEvent
from analytics.vocabulary import forget_vocabulary
from directory.models import Area, ChangeSuggestion
from referrals.choices import Outcome
from tests.factories.directory import (
    AreaFactory,
    LocationFactory,
    ServiceFactory,
    TaxonomyTermFactory,
)

LONDON = zoneinfo.ZoneInfo("Europe/London")
DAY = datetime.date(2026, 3, 10)


@pytest.fixture(autouse=True)
def fresh_vocabulary():
    """The masking vocabulary is cached per process: build it from each test's own data."""
    forget_vocabulary()
    yield
    forget_vocabulary()


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=LONDON)


def make_user(username, permissions=()):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@council.example",
        password="x",  # noqa: S106
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def analyst(db):
    group, _created = Group.objects.get_or_create(name="Analyst")
    user = make_user("analyst", ["view_analytics"])
    user.groups.add(group)
    return user


@pytest.fixture
def coordinator(db):
    return make_user("coordinator")


def search(
    day,
    query="",
    category="",
    area=None,
    results=10,
    carer=False,
    referral=False,
    hour=12,
    visit=None,
):
    """One search event; each from its own visit unless `visit` is given."""
    return SearchEvent.objects.create(
        visit=uuid.uuid4().hex[:16] if visit is None else visit,
        occurred_hour=at(day, hour),
        query=query,
        category=category,
        categories=[category] if category else [],
        area=area,
        postcode_district="S6",
        result_count=results,
        is_carer_search=carer,
        followed_by_referral=referral,
    )


def searches(count, day, **kwargs):
    return [search(day, **kwargs) for _ in range(count)]


def referral(day, area=None, outcome="", carer=False, assessment=False, team="first_contact"):
    return ReferralEvent.objects.create(
        token=uuid.uuid4(),
        created_hour=at(day),
        team=team,
        area=area,
        is_carer=carer,
        carer_assessment_requested=assessment,
        outcome=outcome,
    )


def report_numbers(report):
    """Every report's rows over a period, for comparing counts from raw events and roll-ups."""
    report = dataclasses.replace(report)  # a new filter: no areas cached from another test
    return {
        "queries": reports.top_queries(report),
        "categories": reports.top_categories(report),
        "unmet_query": reports.unmet_need(report, "query"),
        "unmet_category": reports.unmet_need(report, "category"),
        "demand": reports.demand_supply(report),
        "overview": reports.area_overview(report),
        "support": reports.search_to_support(report),
        "support_months": reports.support_by_month(report),
        "carers_area": reports.carers(report, "area_id"),
        "carers_month": reports.carers(report, "month"),
    }


def listing(**kwargs):
    """A service; saved again because ParentalManyToMany categories persist only on save()."""
    service = ServiceFactory(**kwargs)
    service.save()
    return service


@pytest.fixture
def world(db):
    """Two wards in one LAC patch, one ward outside it; two categories; a few listings."""
    walkley = AreaFactory(name="Walkley", centroid_latitude=53.39, centroid_longitude=-1.49)
    hillsborough = AreaFactory(
        name="Hillsborough", centroid_latitude=53.41, centroid_longitude=-1.50
    )
    darnall = AreaFactory(name="Darnall", centroid_latitude=53.39, centroid_longitude=-1.41)
    patch = AreaFactory(name="North West patch", kind=Area.Kind.LAC_PATCH, code="")
    patch.wards.set([walkley, hillsborough])
    dementia = TaxonomyTermFactory(code="memory-dementia", name="Memory problems and dementia")
    carers = TaxonomyTermFactory(code="carers-support", name="Support for carers")
    walkley_hall = LocationFactory(area=walkley)
    hillsborough_hall = LocationFactory(area=hillsborough)
    memory_cafe = listing(categories=[dementia], location=walkley_hall)
    listing(categories=[dementia], location=hillsborough_hall)
    listing(categories=[carers], location=walkley_hall)
    # Not live: never counted as supply.
    listing(categories=[dementia], location=walkley_hall, live=False)
    ChangeSuggestion.objects.create(service=memory_cafe, details="New opening times")
    return {
        "walkley": walkley,
        "hillsborough": hillsborough,
        "darnall": darnall,
        "patch": patch,
        "memory_cafe": memory_cafe,
    }


@pytest.fixture
def events(world):
    """Searches and referrals in March 2026 (current) and February 2026 (previous)."""
    walkley, hillsborough, darnall = world["walkley"], world["hillsborough"], world["darnall"]
    march, february = DAY, DAY - datetime.timedelta(days=28)
    searches(12, march, query="memory cafe", category="memory-dementia", area=walkley)
    searches(6, february, query="memory cafe", category="memory-dementia", area=walkley)
    searches(3, march, query="hoarding support", area=darnall, results=0)
    searches(7, march, query="hoarding support", area=walkley, results=0)
    searches(2, march, query="sign language cafe", area=hillsborough, results=1)
    searches(5, march, category="carers-support", area=hillsborough, carer=True, referral=True)
    first = search(march, query="befriending", area=darnall, results=5)
    SearchClick.objects.create(event=first, occurred_hour=first.occurred_hour, position=1)
    SearchClick.objects.create(event=first, occurred_hour=first.occurred_hour, position=2)
    for event in SearchEvent.objects.filter(query="memory cafe", occurred_hour__gte=at(march, 0))[
        :5
    ]:
        SearchClick.objects.create(event=event, occurred_hour=event.occurred_hour, position=1)
    closed = [Outcome.INFORMATION_ADVICE] * 4 + [Outcome.LAC_INTRODUCTION] * 2
    for outcome in closed + [Outcome.NEEDS_ASSESSMENT] * 2:
        referral(march, area=walkley, outcome=outcome)
    referral(march, area=walkley)  # still open
    referral(march, area=hillsborough, carer=True, assessment=True, team="carers_centre")
    referral(march, area=hillsborough, carer=True, team="carers_centre")
    return world
