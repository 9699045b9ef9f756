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


@pytest.mark.django_db
def test_advice_index_lists_each_page_once_under_its_main_topic(client, advice_index):
    """A page tagged with three topics is listed once: under the topic most pages share."""
    social = TaxonomyTermFactory(code="i21-social", name="Social activities")
    befriending = TaxonomyTermFactory(code="i21-befriending", name="Befriending")
    mental = TaxonomyTermFactory(code="i21-mental", name="Mental health")
    AdvicePageFactory(
        parent=advice_index, title="Feeling lonely", topics=[social, befriending, mental]
    )
    AdvicePageFactory(parent=advice_index, title="Staying independent", topics=[social])
    groups = advice_index.pages_by_topic()
    assert [(group["topic"].name, [p.title for p in group["pages"]]) for group in groups] == [
        ("Social activities", ["Feeling lonely", "Staying independent"])
    ]
    html = client.get("/advice/").content.decode()
    assert html.count(">Feeling lonely</a>") == 1


@pytest.mark.django_db
def test_advice_index_breaks_a_tie_alphabetically_and_lists_untagged_last(advice_index):
    zebra = TaxonomyTermFactory(code="z-topic", name="Zebra crossings")
    apples = TaxonomyTermFactory(code="a-topic", name="Apples")
    AdvicePageFactory(parent=advice_index, title="Both", topics=[zebra, apples])
    AdvicePageFactory(parent=advice_index, title="No topic", topics=[])
    groups = advice_index.pages_by_topic()
    assert [(group["topic"], [p.title for p in group["pages"]]) for group in groups] == [
        (apples, ["Both"]),
        (None, ["No topic"]),
    ]


@pytest.mark.django_db
def test_body_is_wrapped_once_in_prose_with_phone_numbers_as_links(client, advice_index):
    AdvicePageFactory(
        parent=advice_index,
        slug="ring-us",
        body=[
            {"type": "text", "value": "<p>Call 0114 273 4567 to ask.</p><ul><li>One</li></ul>"},
            {"type": "details", "value": {"summary": "More", "body": "<p>Inside.</p>"}},
        ],
    )
    html = client.get("/advice/ring-us/").content.decode()
    assert html.count('class="signpost-prose"') == 1
    prose = html.split('class="signpost-prose"')[1]
    assert prose.index("0114 273 4567") < prose.index("govuk-details")
    assert 'href="tel:+441142734567">0114 273 4567</a>' in prose
