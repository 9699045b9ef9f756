import pytest
from wagtail.test.utils import WagtailPageTestCase

from portal.models import HomePage, StandardPage
from tests.factories.content import AdviceIndexPageFactory, CarersHubPageFactory


@pytest.mark.django_db
def test_home_page_renders_search_form_and_urgent_help(client, home_page):
    # the home page links to the advice and carers' sections by page, so they must exist
    AdviceIndexPageFactory()
    CarersHubPageFactory()
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert isinstance(home_page, HomePage)
    assert 'action="/services/"' in html
    assert "What are you looking for?" in html
    assert "Where? Postcode or place" in html
    assert 'name="q"' in html and 'name="postcode"' in html
    assert "If you need help urgently" in html
    assert "999" in html
    assert (
        'href="/carers/"' in html and 'href="/self-referral/"' in html and 'href="/advice/"' in html
    )


@pytest.mark.django_db
def test_home_page_shows_council_numbers_from_site_settings(client, site):
    from portal.models import SiteSettings

    settings_row = SiteSettings.for_site(site)
    settings_row.out_of_hours_phone = "0114 000 1234"
    settings_row.council_name = "Testshire Council"
    settings_row.save()
    html = client.get("/").content.decode()
    assert "0114 000 1234" in html
    assert "Testshire Council" in html


@pytest.mark.django_db
def test_base_template_has_skip_link_and_footer_links(client, home_page):
    # the footer links to these pages by slug, so they must exist
    for slug in ("accessibility-statement", "privacy", "cookies"):
        home_page.add_child(
            instance=StandardPage(title=slug.capitalize(), slug=slug, body="<p>…</p>")
        )
    html = client.get("/").content.decode()
    assert 'class="govuk-skip-link"' in html and 'href="#main-content"' in html
    for path in ("/accessibility-statement/", "/privacy/", "/cookies/"):
        assert f'href="{path}"' in html
    assert "govuk-header__logotype-crown" not in html  # council branding, not GOV.UK's crown


class TestPageTypes(WagtailPageTestCase):
    def test_standard_page_can_be_created_under_home(self):
        self.assertCanCreateAt(HomePage, StandardPage)

    def test_only_one_home_page(self):
        self.assertEqual(HomePage.max_count, 1)


@pytest.mark.django_db
def test_popular_needs_link_to_category_searches(client, home_page):
    from tests.factories.directory import TaxonomyTermFactory

    TaxonomyTermFactory(code="memory-dementia", name="Memory problems and dementia")
    html = client.get("/").content.decode()
    assert 'href="/services/?category=memory-dementia"' in html
    assert "Memory problems and dementia" in html
