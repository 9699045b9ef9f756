"""A listing's ways out: tap-to-call phones, email, website, directions and "Back to results"."""

import re
import urllib.parse

import pytest
from django.conf import settings
from django.core import signing

from directory.last_search import SALT
from directory.links import web_address
from directory.models import Area
from tests.factories.directory import (
    AreaFactory,
    ContactFactory,
    LocalAreaCoordinatorFactory,
    LocationFactory,
    OrganisationFactory,
    PhoneFactory,
    PostcodeFactory,
    ServiceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lunch_club():
    organisation = OrganisationFactory(
        name="Age UK Sheffield",
        url="https://www.ageuksheffield.org.uk/",
        email="hello@ageuksheffield.org.uk",
        phone="0114 250 2850",
    )
    service = ServiceFactory(
        name="Hillsborough Lunch Club",
        organisation=organisation,
        url="https://hillsboroughlunchclub.org.uk/",
        email="lunch@hillsborough.example",
        location=LocationFactory(
            name="Hillsborough Library", postcode="S6 2LN", latitude=53.4045, longitude=-1.5005
        ),
    )
    PhoneFactory(service=service, number="0114 273 4567", description="Bookings")
    ContactFactory(
        service=service, name="Pat", phone="07700 900123", email="pat@example.org", is_public=True
    )
    return service


def page(client, service, **cookies):
    for name, value in cookies.items():
        client.cookies[name] = value
    return client.get(f"/services/{service.id}/").content.decode()


def test_every_phone_is_a_tel_link_in_international_form(client, lunch_club):
    html = page(client, lunch_club)
    assert 'href="tel:+441142734567">0114 273 4567</a>' in html
    assert 'href="tel:+447700900123">07700 900123</a>' in html  # the public contact's
    assert "0114 250 2850" not in html  # the organisation's only stands in when there is none


def test_numbers_in_the_description_are_tel_links(client):
    service = ServiceFactory(description="<p>Booking is essential, please call 01652 650585.</p>")
    html = page(client, service)
    assert (
        'call <a class="govuk-link signpost-tel" href="tel:+441652650585">01652 650585</a>.' in html
    )


def test_the_organisations_phone_stands_in_when_the_service_has_none(client):
    service = ServiceFactory(organisation=OrganisationFactory(phone="(0114) 250 2850"))
    assert 'href="tel:+441142502850">(0114) 250 2850</a>' in page(client, service)


def test_emails_are_mailto_links(client, lunch_club):
    html = page(client, lunch_club)
    assert 'href="mailto:lunch@hillsborough.example">lunch@hillsborough.example</a>' in html
    assert 'href="mailto:pat@example.org">pat@example.org</a>' in html


def test_the_organisations_email_stands_in_when_the_service_has_none(client):
    service = ServiceFactory(email="", organisation=OrganisationFactory(email="hi@group.example"))
    assert 'href="mailto:hi@group.example">' in page(client, service)


def test_websites_are_named_links_to_the_service_and_its_organisation(client, lunch_club):
    html = page(client, lunch_club)
    assert (
        '<a class="govuk-link" href="https://hillsboroughlunchclub.org.uk/">'
        "Visit the Hillsborough Lunch Club website</a>"
    ) in html
    assert (
        '<a class="govuk-link" href="https://www.ageuksheffield.org.uk/">'
        "Visit the Age UK Sheffield website</a>"
    ) in html
    assert 'target="_blank"' not in html  # opens in the same tab


def test_a_name_starting_with_the_is_not_doubled(client):
    service = ServiceFactory(
        name="The Friendship Bench", url="https://bench.example/", organisation=None
    )
    assert "Visit The Friendship Bench website</a>" in page(client, service)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://files.example/",
        "JAVASCRIPT:alert(1)",
        "//no-scheme",
        "http://",
    ],
)
def test_only_http_and_https_websites_are_links(client, url):
    service = ServiceFactory(url=url, organisation=None)
    html = page(client, service)
    assert "website</a>" not in html
    assert web_address(url) == ""


def test_web_address_keeps_http_and_https():
    assert web_address(" https://a.example/x ") == "https://a.example/x"
    assert web_address("HTTP://a.example") == "HTTP://a.example"
    assert web_address("http://[::1") == ""  # unparseable


def test_the_same_website_for_service_and_organisation_is_shown_once(client):
    organisation = OrganisationFactory(url="https://same.example/")
    service = ServiceFactory(organisation=organisation, url="https://same.example")
    assert page(client, service).count("website</a>") == 1


def test_directions_go_to_the_destination_only(client, lunch_club):
    html = page(client, lunch_club)
    href = re.search(r'<a class="govuk-link" href="([^"]+)" rel="noreferrer">Get directions', html)
    assert href, html
    url = urllib.parse.urlsplit(href.group(1).replace("&amp;", "&"))
    assert (url.scheme, url.netloc, url.path) == ("https", "www.openstreetmap.org", "/directions")
    assert urllib.parse.parse_qs(url.query) == {"to": ["53.404500,-1.500500"]}  # no origin
    assert "Get directions on OpenStreetMap" in html
    assert '<span class="govuk-visually-hidden"> to Hillsborough Library</span>' in html


def test_the_directions_service_is_a_setting(client, lunch_club, settings):
    settings.DIRECTIONS_URL = "https://www.google.com/maps/dir/?api=1&destination={destination}"
    settings.DIRECTIONS_SERVICE_NAME = "Google Maps"
    html = page(client, lunch_club)
    assert (
        'href="https://www.google.com/maps/dir/?api=1&amp;destination=53.404500,-1.500500"'
    ) in html
    assert "origin" not in html and "Get directions on Google Maps" in html


def test_a_venue_without_coordinates_gets_directions_to_its_address(client):
    location = LocationFactory(
        name="Church Hall", address_1="1 Church Street", postcode="S6 2LN", latitude=None
    )
    service = ServiceFactory(location=location)
    html = page(client, service)
    assert "directions?to=1%20Church%20Street,%20Sheffield,%20S6%202LN" in html


def test_back_to_results_restores_the_last_search(client, lunch_club):
    client.get("/services/", {"q": "lunch", "postcode": "S6 2LN", "page": "2"})
    html = page(client, lunch_club)
    link = re.search(r'<a href="([^"]*)" class="govuk-back-link[^"]*">([^<]*)</a>', html)
    assert link.group(2) == "Back to results"
    back = urllib.parse.urlsplit(link.group(1).replace("&amp;", "&"))
    assert back.path == "/services/"
    assert urllib.parse.parse_qs(back.query) == {
        "q": ["lunch"],
        "postcode": ["S6 2LN"],
        "page": ["2"],
    }
    # nothing of the search in the listing's own links
    assert "lunch&" not in html.split('class="govuk-back-link')[1].split("</main>")[0]


def test_without_a_search_the_link_goes_to_the_search_page(client, lunch_club):
    html = page(client, lunch_club)
    assert (
        '<a href="/services/" class="govuk-back-link signpost-no-print">Find local support</a>'
        in html
    )


def test_a_forged_or_foreign_search_cookie_is_ignored(client, lunch_club):
    name = settings.LAST_SEARCH_COOKIE_NAME
    html = page(client, lunch_club, **{name: "q=x"})  # unsigned
    assert 'href="/services/" class="govuk-back-link' in html
    other = signing.dumps("q=x", salt="something else")
    assert 'href="/services/" class="govuk-back-link' in page(client, lunch_club, **{name: other})
    # a signed value is only ever a query on the search page, re-encoded
    odd = signing.dumps('q=a"><script>&next=//evil.example', salt=SALT)
    html = page(client, lunch_club, **{name: odd})
    assert 'href="/services/?q=a%22%3E%3Cscript%3E&amp;next=%2F%2Fevil.example"' in html


def test_the_shortlist_phones_are_tel_links(client, lunch_club):
    client.post("/shortlist/add/", {"service": lunch_club.id})
    html = client.get("/shortlist/").content.decode()
    assert 'Bookings: <a class="govuk-link signpost-tel" href="tel:+441142734567">' in html


def test_the_coordinators_phone_is_a_tel_link(client):
    ward = AreaFactory(name="Hillsborough", code="E05010863")
    patch = AreaFactory(name="Hillsborough and Walkley", kind=Area.Kind.LAC_PATCH, code="LAC01")
    patch.wards.add(ward)
    PostcodeFactory(postcode="S6 2LN", latitude=53.4033, longitude=-1.4993, ward_code=ward.code)
    LocalAreaCoordinatorFactory(phone="0114 273 1111").patches.add(patch)
    html = client.get("/local-area-coordination/", {"postcode": "S6 2LN"}).content.decode()
    assert 'href="tel:+441142731111">0114 273 1111</a>' in html
