import pytest
from wagtail.test.utils import WagtailPageTestCase

from advice.models import AdviceIndexPage, AdvicePage
from carers.models import CarersHubPage
from portal.models import HomePage
from tests.factories.content import AdviceIndexPageFactory, AdvicePageFactory
from tests.factories.directory import TaxonomyTermFactory


class TestAdvicePageTypes(WagtailPageTestCase):
    def test_advice_index_lives_under_home(self):
        self.assertCanCreateAt(HomePage, AdviceIndexPage)
        self.assertCanNotCreateAt(AdviceIndexPage, AdviceIndexPage)

    def test_advice_pages_live_under_the_index_or_carers_hub(self):
        self.assertAllowedParentPageTypes(AdvicePage, {AdviceIndexPage, CarersHubPage})
        self.assertAllowedSubpageTypes(AdvicePage, set())


@pytest.fixture
def advice_index(home_page):
    return AdviceIndexPageFactory(parent=home_page)


@pytest.mark.django_db
def test_advice_page_renders_blocks_in_govuk_markup(client, advice_index):
    page = AdvicePageFactory(
        parent=advice_index,
        title="Paying for care",
        slug="paying-for-care",
        summary="How much care costs and who pays.",
        body=[
            {"type": "heading", "value": "How much you pay"},
            {"type": "text", "value": "<p>The council looks at your money.</p>"},
            {"type": "heading", "value": "Help with costs"},
            {
                "type": "callout",
                "value": {"style": "warning", "text": "<p>Do not sign a contract yet.</p>"},
            },
            {"type": "callout", "value": {"style": "inset", "text": "<p>It is free to ask.</p>"}},
            {
                "type": "step_by_step",
                "value": {
                    "heading": "Get a financial assessment",
                    "steps": [
                        {"title": "Ask for an assessment", "body": "<p>Call us.</p>"},
                        {"title": "Show your bank statements", "body": "<p>Bring them.</p>"},
                    ],
                },
            },
            {
                "type": "details",
                "value": {"summary": "What counts as savings", "body": "<p>Money in banks.</p>"},
            },
            {
                "type": "contact",
                "value": {"name": "First Contact", "site_number": "first_contact"},
            },
            {"type": "local_area_coordinator", "value": {"heading": "Find your LAC", "text": ""}},
        ],
    )
    response = client.get("/advice/paying-for-care/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-xl">Paying for care</h1>' in html
    assert 'class="govuk-breadcrumbs"' in html and 'href="/advice/"' in html
    assert "Last updated:" in html
    assert 'href="#how-much-you-pay"' in html and 'id="how-much-you-pay"' in html  # contents list
    assert 'href="#get-a-financial-assessment"' in html
    assert "govuk-warning-text" in html and "Do not sign a contract yet." in html
    assert "govuk-inset-text" in html and "It is free to ask." in html
    assert "govuk-list--number" in html and "Show your bank statements" in html
    assert 'class="govuk-details"' in html and "What counts as savings" in html
    assert "0114 273 4908" in html  # First Contact number from site settings
    assert 'action="/local-area-coordination/"' in html
    assert "Was this page helpful?" in html
    assert page.live


@pytest.mark.django_db
def test_short_page_has_no_contents_list(client, advice_index):
    AdvicePageFactory(parent=advice_index, slug="short")
    html = client.get("/advice/short/").content.decode()
    assert "contents-heading" not in html


@pytest.mark.django_db
def test_advice_index_groups_pages_by_topic_and_links_to_listings(client, advice_index):
    dementia = TaxonomyTermFactory(code="memory-dementia", name="Memory problems and dementia")
    money = TaxonomyTermFactory(code="money-benefits", name="Money and benefits advice")
    AdvicePageFactory(parent=advice_index, title="Living with dementia", topics=[dementia])
    AdvicePageFactory(parent=advice_index, title="Attendance Allowance", topics=[money])
    AdvicePageFactory(parent=advice_index, title="Draft page", live=False, topics=[money])
    response = client.get("/advice/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Memory problems and dementia") < html.index("Living with dementia")
    assert html.index("Money and benefits advice") < html.index("Attendance Allowance")
    assert "Draft page" not in html
    assert 'href="/services/?category=memory-dementia"' in html


@pytest.mark.django_db
def test_advice_page_links_its_topics_to_directory_search(client, advice_index):
    carers = TaxonomyTermFactory(code="carers-support", name="Support for carers")
    AdvicePageFactory(parent=advice_index, slug="carers-rights", topics=[carers])
    html = client.get("/advice/carers-rights/").content.decode()
    assert 'href="/services/?category=carers-support"' in html
