"""The ORUK API: schema-valid output for every endpoint, paging, filters and errors."""

import datetime
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.models import Contact, CostOption, Service
from directory.oruk import params
from tests.directory.oruk_schemas import assert_valid, assert_valid_page
from tests.factories.directory import (
    AreaFactory,
    LocationFactory,
    PhoneFactory,
    PostcodeFactory,
    ScheduleFactory,
    ServiceFactory,
    TaxonomyTermFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_service():
    term = TaxonomyTermFactory(code="lunch-clubs", name="Lunch clubs")
    service = ServiceFactory(
        name="Hillsborough lunch club",
        categories=[term],
        location=LocationFactory(name="Library", postcode="S6 4AA", step_free_access=True),
        min_age=50,
        max_age=90,
        languages=["English", "Urdu"],
        fees_description="£3 a meal",
        url="https://lunch.example.org/",
        email="hello@lunch.example.org",
    )
    service.service_areas.set([AreaFactory(name="Hillsborough")])
    service.save()  # ParentalManyToMany changes are committed on save
    ScheduleFactory(service=service, weekdays=[2, 4], description="Tuesdays and Thursdays")
    PhoneFactory(service=service, number="0114 000 0000", description="Bookings")
    Contact.objects.create(
        service=service, name="Public Pat", email="pat@lunch.example.org", is_public=True
    )
    Contact.objects.create(
        service=service, name="Staff Sam", email="sam@council.example", is_public=False
    )
    CostOption.objects.create(service=service, option="Meal", amount="3.00")
    return service


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_index_describes_the_api(client):
    data = get_json(client, "/api/oruk/")
    assert data["version"] == "HSDS-UK-3.0"
    assert data["openapi_url"].endswith("/api/oruk/openapi.json")
    assert_valid("api_details", data)


def test_openapi_lists_every_endpoint(client):
    data = get_json(client, "/api/oruk/openapi.json")
    assert data["openapi"].startswith("3.1")
    for path in ("/services", "/services/{id}", "/organizations", "/taxonomies", "/taxonomy_terms"):
        assert path in data["paths"]
    assert "/service_at_locations/{id}" in data["paths"]


def test_service_detail_is_full_valid_and_hides_staff_contacts(client, full_service):
    data = get_json(client, f"/api/oruk/services/{full_service.pk}")
    assert_valid("service", data)
    assert data["organization"]["name"] == full_service.organisation.name
    location = data["service_at_locations"][0]["location"]
    assert location["addresses"][0]["postal_code"] == "S6 4AA"
    assert location["latitude"] == pytest.approx(53.380410)
    assert {"description": "Step-free access"}.items() <= location["accessibility"][0].items()
    assert [c["name"] for c in data["contacts"]] == ["Public Pat"]
    assert "sam@council.example" not in str(data)
    assert data["schedules"][0]["byday"] == "TU,TH"
    assert data["phones"][0]["number"] == "0114 000 0000"
    assert data["cost_options"][0]["amount"] == 3.0
    assert [lang["name"] for lang in data["languages"]] == ["English", "Urdu"]
    assert data["service_areas"][0]["name"] == "Hillsborough"
    assert data["attributes"][0]["taxonomy_term"]["code"] == "lunch-clubs"
    assert data["last_modified"]


@pytest.mark.parametrize("suffix", ["", "/"])
def test_paths_work_with_and_without_a_trailing_slash(client, full_service, suffix):
    response = client.get(f"/api/oruk/services{suffix}")
    assert response.status_code == 200
    response = client.get(f"/api/oruk/services/{full_service.pk}{suffix}")
    assert response.status_code == 200


def test_every_list_and_detail_endpoint_validates(client, full_service):
    term = full_service.taxonomy_terms.get()
    sal = full_service.service_at_locations.get()
    pages = {
        "/api/oruk/services": "service_list",
        "/api/oruk/service_at_locations": "service_at_location_list",
        "/api/oruk/taxonomies": "taxonomy_list",
        "/api/oruk/taxonomy_terms": "taxonomy_term_list",
        "/api/oruk/organizations": "organization_list",
    }
    for url, schema in pages.items():
        data = get_json(client, url)
        assert data["total_items"] >= 1, url
        assert_valid_page(schema, data)
    assert_valid(
        "organization", get_json(client, f"/api/oruk/organizations/{full_service.organisation_id}")
    )
    assert_valid("taxonomy", get_json(client, f"/api/oruk/taxonomies/{term.taxonomy_id}"))
    assert_valid("taxonomy_term", get_json(client, f"/api/oruk/taxonomy_terms/{term.pk}"))
    assert_valid(
        "service_at_location", get_json(client, f"/api/oruk/service_at_locations/{sal.pk}")
    )


def test_only_published_active_services_are_shown(client):
    live = ServiceFactory(name="Live")
    draft = ServiceFactory(name="Draft", live=False)
    closed = ServiceFactory(name="Closed", status=Service.Status.DEFUNCT)
    data = get_json(client, "/api/oruk/services")
    assert [s["id"] for s in data["contents"]] == [str(live.pk)]
    get_json(client, f"/api/oruk/services/{draft.pk}", status=404)
    get_json(client, f"/api/oruk/services/{closed.pk}", status=404)
    get_json(client, f"/api/oruk/organizations/{draft.organisation_id}", status=404)


def test_paging_is_consistent_across_pages(client):
    for number in range(12):
        ServiceFactory(name=f"Group {number:02d}")
    seen = []
    for page in (1, 2, 3):
        data = get_json(client, f"/api/oruk/services?per_page=5&page={page}")
        assert data["total_items"] == 12
        assert data["total_pages"] == 3
        assert data["page_number"] == page
        assert data["first_page"] is (page == 1)
        assert data["last_page"] is (page == 3)
        assert data["size"] == len(data["contents"]) == (5 if page < 3 else 2)
        seen += [s["id"] for s in data["contents"]]
    assert len(set(seen)) == 12
    beyond = get_json(client, "/api/oruk/services?per_page=5&page=4")
    assert beyond["empty"] is True and beyond["contents"] == [] and beyond["total_items"] == 12


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=abc",
        "per_page=100000",
        "per_page=0",
        "proximity=1000",
        "postcode=nonsense&proximity=1000",
        "taxonomy_term_id=not-a-uuid",
        "organization_id=12",
        "modified_after=yesterday",
        "modified_after=0001-01-01T00:00:00%2B01:00",  # before the year 1 in UTC
        "modified_after=9999-12-31T23:59:59%2B99:00",  # an offset past 24 hours
        "modified_after=2024-01-01T00:00:00%2B24:00",
        "modified_after=2024-06-31",  # no such day
        "page=1000001",
        "minimum_age=-1",
        "minimum_age=40&maximum_age=20",
        "day=Funday",
        "start_time=25:00",
    ],
)
def test_bad_parameters_give_400_with_a_message(client, query):
    data = get_json(client, f"/api/oruk/services?{query}", status=400)
    assert data["status"] == 400
    assert data["error"]


def test_unknown_ids_give_404(client):
    for kind in (
        "services",
        "organizations",
        "taxonomies",
        "taxonomy_terms",
        "service_at_locations",
    ):
        get_json(client, f"/api/oruk/{kind}/{uuid.uuid4()}", status=404)
        get_json(client, f"/api/oruk/{kind}/not-an-id", status=404)


def test_options_preflight_allows_any_origin(client):
    response = client.options("/api/oruk/services")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"


def test_writes_are_not_allowed(client):
    assert client.post("/api/oruk/services").status_code == 405


def ids(client, query):
    return {s["id"] for s in get_json(client, f"/api/oruk/services?{query}")["contents"]}


def test_filters(client, full_service):
    other = ServiceFactory(name="Chess club", min_age=5, max_age=16)
    ScheduleFactory(
        service=other, weekdays=[6], opens_at=datetime.time(18), closes_at=datetime.time(20)
    )
    term = full_service.taxonomy_terms.get()
    assert ids(client, "search=lunch") == {str(full_service.pk)}
    assert ids(client, f"taxonomy_term_id={term.pk}") == {str(full_service.pk)}
    assert ids(client, f"taxonomy_id={term.taxonomy_id}") == {str(full_service.pk)}
    assert ids(client, f"organization_id={other.organisation_id}") == {str(other.pk)}
    assert ids(client, "minimum_age=70") == {str(full_service.pk)}
    assert ids(client, "maximum_age=10") == {str(other.pk)}
    assert ids(client, "day=SA") == {str(other.pk)}
    assert ids(client, "day=tuesday&start_time=10:00") == {str(full_service.pk)}
    assert ids(client, "start_time=17:30") == {str(other.pk)}
    future = (timezone.now() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert ids(client, f"modified_after={future}") == set()
    # Offsets PostgreSQL would refuse (past ±15:59) are taken as the same moment in UTC.
    assert ids(client, "modified_after=2000-01-01T11:35:32-18:32") == {
        str(full_service.pk),
        str(other.pk),
    }


def test_postcode_and_proximity(client, full_service):
    PostcodeFactory(postcode="S1 2HH", latitude=53.380410, longitude=-1.469915)
    PostcodeFactory(postcode="S6 4AA", latitude=53.40, longitude=-1.50)
    PostcodeFactory(postcode="LS1 1AA", outcode="LS1", latitude=53.7997, longitude=-1.5492)
    assert ids(client, "postcode=S1 2HH&proximity=500") == {str(full_service.pk)}
    assert ids(client, "postcode=s12hh") == {str(full_service.pk)}
    assert ids(client, "postcode=LS1 1AA&proximity=5000") == set()
    get_json(client, "/api/oruk/services?postcode=S99 9ZZ", status=400)


def test_service_list_has_no_n_plus_one(client, full_service, django_assert_max_num_queries):
    for _ in range(30):
        service = ServiceFactory(
            location=LocationFactory(), categories=[full_service.taxonomy_terms.get()]
        )
        service.save()
        ScheduleFactory(service=service)
        PhoneFactory(service=service)
    with CaptureQueriesContext(connection) as queries:
        data = get_json(client, "/api/oruk/services?per_page=50")
    assert data["size"] == 31
    assert len(queries) <= 12, [q["sql"][:120] for q in queries]


# Found by schemathesis's negative and positive checks (#19): what the OpenAPI document
# declares is what the API enforces.
@pytest.mark.parametrize(
    ("path", "query", "names"),
    [
        ("services", "taxonomy_term_id=", "taxonomy_term_id: is empty"),
        ("services", "taxonomy_id=", "taxonomy_id: is empty"),
        ("service_at_locations", "organization_id=%20", "organization_id: is empty"),
        ("taxonomy_terms", "taxonomy_id=", "taxonomy_id: is empty"),
        ("taxonomy_terms", "parent_id=", "parent_id: is empty"),
        ("services", "modified_after=", "modified_after: is empty"),
        ("services", "start_time=", "start_time: is empty"),
        ("service_at_locations", "end_time=", "end_time: is empty"),
        ("services", "postcode=", "postcode: is empty"),
        ("services", "day=", "day: is empty"),
        ("organizations", "page=", "page: is empty"),
        ("taxonomies", "per_page=", "per_page: is empty"),
        ("taxonomy_terms", "root_only=", "root_only: is empty"),
        ("taxonomy_terms", "root_only=yes", "root_only: Enter true or false"),
        ("taxonomy_terms", "root_only=null&root_only=null", "root_only: give it once"),
        ("services", "page=1&page=2", "page: give it once"),
        ("services", "search=" + "a" * 201, "search: Ensure this value has at most 200"),
        ("organizations", "search=%00", "search: Null characters are not allowed"),
        ("services", "start_time=9:00", "start_time: Enter a time like 09:30"),
        ("services", "end_time=24:00", "end_time: Enter a time like 09:30"),
        ("services", "start_time=09:30:00.5", "start_time: Enter a time like 09:30"),
        ("services", "postcode=S1%20%202HH", "postcode: Enter a UK postcode"),
        ("services", "postcode=SW1A%201AAA", "postcode: "),  # 9 characters
    ],
)
def test_parameters_the_document_rules_out_give_a_json_400(client, path, query, names):
    data = get_json(client, f"/api/oruk/{path}?{query}", status=400)
    assert data == {"status": 400, "error": data["error"]}
    assert data["error"].startswith(names), data["error"]


@pytest.mark.parametrize(
    "query",
    [
        "search=",  # empty search: no search, as documented
        "root_only=true",
        "root_only=false",
        "day=Monday",
        "day=SU",
        "day=7",
        "start_time=09:30&end_time=17:00:00",
        "modified_after=2024-01-31",
        "modified_after=2024-01-31T09:00:00%2B01:00",
        "full=true&format=json&minimal=false",  # the ORUK spec's other parameters: ignored
    ],
)
def test_parameters_the_document_allows_are_accepted(client, query):
    path = "taxonomy_terms" if query.startswith("root_only") else "services"
    get_json(client, f"/api/oruk/{path}?{query}")


def test_the_document_declares_what_the_api_enforces(client):
    document = get_json(client, "/api/oruk/openapi.json")
    services = document["paths"]["/services"]["get"]
    schemas = {p["name"]: p["schema"] for p in services["parameters"]}
    assert schemas["search"]["maxLength"] == params.MAX_SEARCH_LENGTH == 200
    assert schemas["page"]["maximum"] == params.MAX_PAGE
    assert schemas["per_page"]["maximum"] == params.MAX_PER_PAGE
    assert schemas["postcode"]["maxLength"] == params.MAX_POSTCODE_LENGTH
    assert schemas["postcode"]["pattern"] == params.POSTCODE_PATTERN
    assert schemas["start_time"]["pattern"] == schemas["end_time"]["pattern"] == params.TIME_PATTERN
    assert {"MO", "Monday", "1"} <= set(schemas["day"]["enum"])
    assert schemas["taxonomy_term_id"]["format"] == "uuid"
    error = {"$ref": "#/components/schemas/Error"}
    for path, item in document["paths"].items():
        responses = item["get"]["responses"]
        if "{id}" in path:
            assert responses["404"]["content"]["application/json"]["schema"] == error
        elif path != "/":
            assert responses["400"]["content"]["application/json"]["schema"] == error
            # A list's first item leads to its record (schemathesis's stateful test follows it).
            (link,) = responses["200"]["links"].values()
            assert link["parameters"] == {"id": "$response.body#/contents/0/id"}
    term_links = document["paths"]["/taxonomy_terms/{id}"]["get"]["responses"]["200"]["links"]
    assert term_links["listServices"]["parameters"] == {"taxonomy_term_id": "$response.body#/id"}


def test_links_in_the_document_lead_to_real_records(client, full_service):
    """Each link's source field is in the response it is declared on."""
    service = get_json(client, f"/api/oruk/services/{full_service.pk}")
    organisation = get_json(client, f"/api/oruk/organizations/{service['organization_id']}")
    assert organisation["services"][0]["id"] == str(full_service.pk)
    sal = get_json(
        client, f"/api/oruk/service_at_locations/{service['service_at_locations'][0]['id']}"
    )
    assert sal["service_id"] == str(full_service.pk)
    term = get_json(
        client, f"/api/oruk/taxonomy_terms/{service['attributes'][0]['taxonomy_term']['id']}"
    )
    taxonomy = get_json(client, f"/api/oruk/taxonomies/{term['taxonomy_id']}")
    assert term["id"] in {t["id"] for t in taxonomy["taxonomy_terms"]}
