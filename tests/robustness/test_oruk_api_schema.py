"""Fuzz the Open Referral UK API against its own OpenAPI document with schemathesis.

Three runs, each bounded and derandomised so CI gives the same cases every time:

- valid requests (positive data): answered 2xx as documented, never a 400 the document
  doesn't explain;
- invalid requests (negative data: empty, wrong type, out of range, bad pattern): a JSON 400
  (or 404 for a path id) in the API's error format, never a 200 or a 5xx;
- stateful: schemathesis follows the document's links (a list's first id to its record, a
  service to its organization, a term to the services that have it) and checks each step.

Every run also checks status codes, content types and response bodies against the document,
no 5xx, and 405 for other methods. The only excuse made is for what the document says in
words because a schema cannot: a well-formed postcode that is not in the council's postcode
list, proximity without a postcode, and minimum_age above maximum_age are 400s.
Measured figures are in SECURITY.md ("Fault drills").
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from directory.oruk.params import AGES_OUT_OF_ORDER, PROXIMITY_NEEDS_POSTCODE
from portal.wsgi import application
from tests.factories.directory import (
    LocationFactory,
    PostcodeFactory,
    ScheduleFactory,
    ServiceFactory,
    TaxonomyFactory,
    TaxonomyTermFactory,
)

OPENAPI_PATH = "/api/oruk/openapi.json"
# Fuzzing examples per operation (the coverage phase adds its own deterministic cases).
MAX_EXAMPLES = 10
SETTINGS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
# Rules between parameters or about the data, stated in the document's descriptions.
DOCUMENTED_400S = (PROXIMITY_NEEDS_POSTCODE, AGES_OUT_OF_ORDER)
UNKNOWN_POSTCODE = "postcode: We couldn't find"

pytestmark = pytest.mark.slow


def valid_data_accepted(ctx, response, case):
    """schemathesis's positive_data_acceptance, less the 400s the document explains in words."""
    if response.status_code == 400:
        message = response.json().get("error", "")
        if message in DOCUMENTED_400S or message.startswith(UNKNOWN_POSTCODE):
            return None
    return positive_data_acceptance(ctx, response, case)


def validate(case, response):
    case.validate_response(
        response,
        excluded_checks=[positive_data_acceptance],
        additional_checks=[valid_data_accepted],
    )


@pytest.fixture
def oruk_data(db):
    """A small live directory, so detail operations and links find real records."""
    taxonomy = TaxonomyFactory(name="Needs")
    parent = TaxonomyTermFactory(taxonomy=taxonomy, code="food", name="Food")
    child = TaxonomyTermFactory(taxonomy=taxonomy, code="lunch", name="Lunch", parent=parent)
    PostcodeFactory(postcode="S6 4AA", latitude=53.40, longitude=-1.50)
    for name, term in (("Lunch club", child), ("Food bank", parent)):
        service = ServiceFactory(
            name=name, categories=[term], location=LocationFactory(postcode="S6 4AA")
        )
        service.save()
        ScheduleFactory(service=service, weekdays=[2, 4])


@pytest.fixture
def wsgi_in_test_transaction():
    """Like Django's test client: keep the test's transaction open across the requests
    schemathesis sends through the WSGI app."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def load_schema(modes):
    """The document, loaded through the WSGI app (not the test Client: it would reconnect
    the signals that close the test's database connection)."""
    schema = schemathesis.openapi.from_wsgi(OPENAPI_PATH, application)
    schema.config.generation.update(modes=modes, deterministic=True)
    return schema


@pytest.fixture
def positive_schema(oruk_data, wsgi_in_test_transaction):
    return load_schema([GenerationMode.POSITIVE])


@pytest.fixture
def negative_schema(oruk_data, wsgi_in_test_transaction):
    return load_schema([GenerationMode.NEGATIVE])


positive = schemathesis.pytest.from_fixture("positive_schema")
negative = schemathesis.pytest.from_fixture("negative_schema")


@positive.parametrize()
@SETTINGS
def test_valid_requests_are_answered_as_documented(case):
    validate(case, case.call())


@negative.exclude(path="/").parametrize()  # "/" takes no parameters: nothing to make invalid
@SETTINGS
def test_invalid_requests_get_a_json_error(case):
    validate(case, case.call())


def test_following_the_documents_links(oruk_data, wsgi_in_test_transaction):
    schema = load_schema(list(GenerationMode))

    class Machine(schema.as_state_machine()):
        def validate_response(self, response, case, additional_checks=None, **kwargs):
            validate(case, response)

    Machine.run(
        settings=settings(
            max_examples=15,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )
