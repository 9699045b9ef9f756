import pytest
from django.conf import settings
from wagtail.test.utils import WagtailPageTestCase

from advice.models import AdvicePage
from carers.models import CarersHubPage
from directory.models import Service
from directory.remembered_place import cookie_value
from portal.models import HomePage
from tests.factories.content import AdvicePageFactory, CarersHubPageFactory
from tests.factories.directory import LocationFactory, ServiceFactory


class TestCarersHubPageType(WagtailPageTestCase):
    def test_hub_lives_under_home_and_holds_advice(self):
        self.assertCanCreateAt(HomePage, CarersHubPage)
        self.assertAllowedParentPageTypes(CarersHubPage, {HomePage})
        self.assertCanCreateAt(CarersHubPage, AdvicePage)


@pytest.fixture
def hub(home_page):
    return CarersHubPageFactory(parent=home_page)


def test_hub_renders_assessment_route_and_carers_centre(client, hub):
    response = client.get("/carers/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/self-referral/?as=carer"' in html
    assert "govuk-button--start" in html and "Ask for a carer&#x27;s assessment" in html
    assert "0114 272 8362" in html  # carers' centre, from site settings
    assert 'href="/services/?kind=carers_support"' in html
    assert "Was this page helpful?" in html


def test_hub_lists_carers_support_nearest_the_last_search(client, hub):
    ServiceFactory(
        name="Walkley Carers Cafe",
        kind=Service.Kind.CARERS_SUPPORT,
        location=LocationFactory(latitude=53.4033, longitude=-1.4993),
    )
    ServiceFactory(
        name="Doncaster Carers Group",
        kind=Service.Kind.CARERS_SUPPORT,
        location=LocationFactory(latitude=53.52, longitude=-1.13),
    )
    ServiceFactory(
        name="Lunch Club",
        kind=Service.Kind.COMMUNITY_ASSET,
        location=LocationFactory(latitude=53.4033, longitude=-1.4993),
    )
    html = client.get("/carers/").content.decode()
    assert "Walkley Carers Cafe" in html and "Doncaster Carers Group" in html
    assert "Lunch Club" not in html

    client.cookies[settings.PLACE_COOKIE_NAME] = cookie_value(
        {"latitude": 53.404, "longitude": -1.499, "label": "Walkley"}
    )
    html = client.get("/carers/").content.decode()
    assert "Walkley Carers Cafe" in html and "Doncaster Carers Group" not in html
    assert "Nearest to Walkley" in html


def test_hub_lists_its_advice_pages(client, hub):
    AdvicePageFactory(parent=hub, title="Young carers", slug="young-carers")
    html = client.get("/carers/").content.decode()
    assert "More advice for carers" in html and 'href="/carers/young-carers/"' in html
    assert client.get("/carers/young-carers/").status_code == 200
