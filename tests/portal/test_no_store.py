"""Pages that show wizard answers or referral data are never cached (Cache-Control: no-store)."""

import pytest

from tests.factories.referrals import StaffFactory, referral
from tests.referrals.conftest import gazetteer, walk  # noqa: F401 - a fixture, used by name

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gazetteer")]


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_wizard_pages_with_answers_are_not_stored(client):
    walk(client, stop_before="check")
    for path in ("/self-referral/person/", "/self-referral/check/"):
        response = client.get(path, follow=True)
        assert response.status_code == 200
        assert no_store(response), path


def test_staff_referral_pages_are_not_stored(client):
    made = referral()
    client.force_login(StaffFactory(roles=["First Contact"]))
    for path in ("/admin/referrals/", f"/admin/referrals/{made.pk}/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert no_store(response), path


def test_a_first_visit_to_a_public_page_may_be_cached(client):
    response = client.get("/services/?q=lunch")
    assert response.status_code == 200
    assert not no_store(response)
