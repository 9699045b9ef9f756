"""Directory models and QuerySets: live(), near(), categories, locations' areas, seeded data."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import WorkflowContentType

from directory.models import Location, Service, TaxonomyTerm
from directory.services import mark_reviewed
from directory.vocabulary import CATEGORIES
from tests.factories.directory import (
    AreaFactory,
    LocationFactory,
    PostcodeFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db

CITY_CENTRE = (53.380410, -1.469915)  # S1 2HH
HILLSBOROUGH = (53.4045, -1.5005)  # about 2 miles north-west
ROTHERHAM = (53.4326, -1.3635)  # about 5.5 miles north-east


def test_live_excludes_drafts_and_inactive_services():
    live = ServiceFactory()
    ServiceFactory(live=False)
    ServiceFactory(status=Service.Status.INACTIVE)
    ServiceFactory(status=Service.Status.DEFUNCT)
    assert list(Service.objects.live()) == [live]


def test_near_filters_by_radius_and_orders_by_distance():
    far = LocationFactory(latitude=ROTHERHAM[0], longitude=ROTHERHAM[1], postcode="")
    middle = LocationFactory(latitude=HILLSBOROUGH[0], longitude=HILLSBOROUGH[1], postcode="")
    near = LocationFactory(latitude=CITY_CENTRE[0], longitude=CITY_CENTRE[1], postcode="")
    LocationFactory(latitude=None, longitude=None, postcode="")

    within_3 = list(Location.objects.near(*CITY_CENTRE, miles=3))
    assert within_3 == [near, middle]
    assert within_3[0].distance_miles == pytest.approx(0, abs=0.01)
    assert 1.5 < within_3[1].distance_miles < 2.5
    assert far in Location.objects.near(*CITY_CENTRE, miles=10)


def test_service_near_and_in_categories():
    memory = TaxonomyTerm.objects.get(code="memory-dementia")
    befriending = TaxonomyTerm.objects.get(code="befriending")
    cafe = ServiceFactory(location=LocationFactory(), categories=[memory])
    friends = ServiceFactory(
        location=LocationFactory(latitude=ROTHERHAM[0], longitude=ROTHERHAM[1], postcode=""),
        categories=[befriending],
    )
    assert list(Service.objects.near(*CITY_CENTRE, miles=3)) == [cafe]
    assert list(Service.objects.in_categories(["memory-dementia"])) == [cafe]
    # a parent code finds services tagged with its child terms
    assert list(Service.objects.in_categories(["social-activities"])) == [friends]


def test_saving_a_location_sets_its_ward_and_coordinates_from_the_postcode():
    ward = AreaFactory(code="E05010862", name="City")
    PostcodeFactory(postcode="S1 2HH")
    location = LocationFactory(postcode="s12hh", latitude=None, longitude=None)
    location.refresh_from_db()
    assert location.postcode == "S1 2HH"
    assert location.area == ward
    assert (location.latitude, location.longitude) == (53.380410, -1.469915)


def test_unknown_postcode_leaves_the_area_empty():
    location = LocationFactory(postcode="S99 9ZZ")
    assert location.area is None


def test_the_category_vocabulary_is_seeded_with_stable_codes():
    codes = dict(TaxonomyTerm.objects.values_list("code", "parent__code"))
    assert set(codes) >= {code for code, *_ in CATEGORIES}
    assert codes["befriending"] == "social-activities"
    assert codes["memory-dementia"] is None


def test_services_are_under_a_moderation_workflow():
    content_type = ContentType.objects.get_for_model(Service)
    assert WorkflowContentType.objects.filter(content_type=content_type).exists()
    assert Service.get_default_workflow() is not None


def test_overdue_for_review_and_mark_reviewed():
    import datetime

    overdue = ServiceFactory(review_due=datetime.date(2020, 1, 1))
    ServiceFactory()
    assert list(Service.objects.overdue_for_review()) == [overdue]
    mark_reviewed(overdue, on=datetime.date(2026, 1, 5))
    overdue.refresh_from_db()
    assert overdue.last_reviewed == datetime.date(2026, 1, 5)
    assert overdue.review_due == datetime.date(2027, 1, 5)
    assert not Service.objects.overdue_for_review(datetime.date(2026, 6, 1)).exists()
