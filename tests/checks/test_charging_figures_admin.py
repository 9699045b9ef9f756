"""The charging figures in the admin (Settings → Care charging figures): a council updates
them each April; nonsense (a lower limit above the upper) is refused with a message."""

import pytest
from django.urls import reverse

from checks.models import ChargingFigures
from portal import roles
from tests.factories.accounts import activate_totp, staff_user

pytestmark = pytest.mark.django_db

FORM = {
    "figures_year": "2026 to 2027",
    "upper_capital_limit": "23250.00",
    "lower_capital_limit": "14250.00",
    "tariff_step": "250.00",
    "mig_single_18_to_24": "90.00",
    "mig_single_25_to_pension_age": "114.00",
    "mig_single_pension_age": "240.00",
    "mig_disability_premium": "50.00",
    "mig_enhanced_disability_premium": "25.00",
    "mig_carer_premium": "54.00",
    "personal_expenses_allowance": "31.00",
    "property_disregard_weeks": "12",
}


@pytest.fixture
def administrator(client):
    admin = staff_user(roles.ADMINISTRATOR)
    activate_totp(admin)
    client.force_login(admin)
    return admin


def edit_url(site):
    return reverse("wagtailsettings:edit", args=["checks", "chargingfigures", site.pk])


def test_the_figures_are_in_the_site_settings_with_their_sources(client, administrator, site):
    response = client.get(edit_url(site))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Upper capital limit" in content
    assert "Personal expenses allowance" in content
    assert "Social care charging for local authorities: 2025 to 2026" in content
    assert 'value="23250.00"' in content


def test_a_council_updates_the_figures_for_a_new_year(client, administrator, site):
    response = client.post(edit_url(site), FORM)
    assert response.status_code == 302
    figures = ChargingFigures.objects.get(site=site)
    assert figures.figures_year == "2026 to 2027"
    assert str(figures.personal_expenses_allowance) == "31.00"
    assert "figures for 2026 to 2027" in client.get(reverse("checks:cost_start")).content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("lower_capital_limit", "30000.00", "must be less than the upper capital limit"),
        ("personal_expenses_allowance", "-1.00", "greater than or equal to 0.01"),
        ("mig_single_pension_age", "0", "greater than or equal to 0.01"),
    ],
)
def test_nonsense_figures_are_refused(client, administrator, site, field, value, message):
    response = client.post(edit_url(site), {**FORM, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ChargingFigures.objects.filter(site=site, figures_year="2026 to 2027").exists()
