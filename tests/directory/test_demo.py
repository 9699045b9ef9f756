"""The directory demo data: realistic, complete, idempotent and deterministic."""

import time
from io import StringIO

import pytest
from wagtail.models import WorkflowState

from demo import directory as demo
from directory.models import (
    Area,
    LocalAreaCoordinator,
    Location,
    Organisation,
    Postcode,
    Service,
    TaxonomyTerm,
)
from search.api import search_services
from search.query import ServiceQuery

pytestmark = pytest.mark.django_db


def load(listings=320, seed=2026):
    out = StringIO()
    demo.load(stdout=out, listings=listings, seed=seed)
    return out.getvalue()


def test_demo_directory_is_complete():
    started = time.perf_counter()
    load()
    elapsed = time.perf_counter() - started
    assert elapsed < 30  # includes loading ~12k postcodes

    assert Postcode.objects.count() > 10000
    assert Service.objects.count() >= 320
    assert Service.objects.live().count() >= 300
    assert set(Service.objects.values_list("kind", flat=True)) == set(Service.Kind.values)
    used = set(Service.objects.values_list("taxonomy_terms__code", flat=True))
    assert set(TaxonomyTerm.objects.values_list("code", flat=True)) <= used
    assert Area.objects.filter(kind=Area.Kind.LAC_PATCH).count() >= 8
    assert 8 <= LocalAreaCoordinator.objects.count() <= 10
    assert Organisation.objects.count() >= 35
    # every location sits at a real gazetteer postcode, in its ward
    postcodes = set(Postcode.objects.values_list("postcode", flat=True))
    locations = list(Location.objects.select_related("area"))
    assert all(location.postcode in postcodes for location in locations)
    assert all(location.area and location.area.kind == Area.Kind.WARD for location in locations)
    # moderation examples and overdue reviews
    assert Service.objects.filter(live=False).count() >= 3
    assert WorkflowState.objects.filter(status="in_progress").count() >= 3
    assert Service.objects.live().overdue_for_review().count() >= 5
    # a night service that closes after midnight
    assert Service.objects.filter(
        schedules__closes_at__lt="03:00", schedules__opens_at__gte="18:00"
    ).exists()


COMMON_SEARCHES = [
    "lonely",
    "befriending",
    "memory",
    "dementia",
    "mum",
    "benefits",
    "swimming",
    "anxiety",
    "walking",
    "lunch club",
    "hearing loss",
    "stroke",
    "bereavement",
    "food bank",
    "digital",
    "hospital",
    "shed",
]


def test_demo_data_answers_common_searches():
    from search.backends import database_backend

    load(listings=120)
    database_backend().rebuild()  # as load_demo_data's search step does after bulk loading
    unanswered = [
        text for text in COMMON_SEARCHES if not search_services(ServiceQuery(text=text)).total
    ]
    assert unanswered == []


def test_demo_load_is_idempotent_and_deterministic():
    load(listings=80, seed=7)
    first = sorted(Service.objects.values_list("name", "service_at_locations__location__postcode"))
    assert "skipping" in load(listings=80, seed=7)
    assert Service.objects.count() == len(first)

    Service.objects.all().delete()
    Location.objects.all().delete()
    Organisation.objects.all().delete()
    LocalAreaCoordinator.objects.all().delete()
    load(listings=80, seed=7)
    assert (
        sorted(Service.objects.values_list("name", "service_at_locations__location__postcode"))
        == first
    )


def test_demo_pcns_are_illustrative_and_cover_every_ward_once():
    load(listings=20)
    pcns = list(Area.objects.filter(kind=Area.Kind.PCN).prefetch_related("wards"))
    assert len(pcns) == 12
    assert all(pcn.name.endswith("(illustrative)") for pcn in pcns)
    wards = [ward.pk for pcn in pcns for ward in pcn.wards.all()]
    assert sorted(wards) == sorted(
        Area.objects.filter(kind=Area.Kind.WARD).values_list("pk", flat=True)
    )
    assert all(pcn.centroid_latitude for pcn in pcns)
    load(listings=20)  # again: nothing changes
    assert Area.objects.filter(kind=Area.Kind.PCN).count() == 12
