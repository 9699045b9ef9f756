"""The phase banner's feedback form: anonymous, honeypot and rate limit, read in the admin."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from portal import feedback, retention
from portal.models import ServiceFeedback, SiteSettings
from portal.roles import EDITOR, sync_roles
from tests.factories.accounts import activate_totp, staff_user

FORM = "/feedback/"
ADMIN = "/admin/service_feedback/"


@pytest.fixture
def banner(home_page, site):
    return SiteSettings.for_site(site)


def test_phase_banner_links_to_the_form(client, banner):
    html = client.get("/").content.decode()
    banner_html = html.split('class="govuk-phase-banner"')[1].split("</div>")[0]
    assert ">Beta</strong>" in banner_html
    assert f'href="{FORM}"' in banner_html


def test_phase_banner_tag_from_settings_and_hidden_when_empty(client, banner):
    banner.phase_tag = "Alpha"
    banner.save()
    assert ">Alpha</strong>" in client.get("/").content.decode()
    banner.phase_tag = ""
    banner.save()
    assert "govuk-phase-banner" not in client.get("/").content.decode()


def test_form_asks_for_no_personal_details(client, home_page):
    html = client.get(FORM).content.decode()
    assert 'name="rating"' in html and 'name="comment"' in html
    for personal in ('name="name"', 'name="email"', 'type="email"', 'name="phone"'):
        assert personal not in html


def test_a_rating_alone_is_enough(client, home_page):
    response = client.post(FORM, {"rating": "satisfied"})
    assert response.status_code == 302 and response.url == "/feedback/thanks/"
    stored = ServiceFeedback.objects.get()
    assert stored.rating == "satisfied" and stored.comment == ""
    assert "Thank you for your feedback" in client.get(response.url).content.decode()


def test_comment_is_scrubbed_of_personal_details(client, home_page):
    client.post(FORM, {"rating": "dissatisfied", "comment": "Ring 07700 900123, jo@example.com"})
    comment = ServiceFeedback.objects.get().comment
    assert "07700" not in comment and "jo@example.com" not in comment


def test_missing_rating_gives_an_error_summary(client, home_page):
    response = client.post(FORM, {"comment": "Hard to find the form"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#rating">Select how you feel about this service</a>' in html
    assert 'id="rating"' in html and "Hard to find the form" in html
    assert not ServiceFeedback.objects.exists()


def test_unknown_rating_and_long_comment_are_refused(client, home_page):
    assert client.post(FORM, {"rating": "ecstatic"}).status_code == 400
    response = client.post(FORM, {"rating": "neither", "comment": "a" * 1201})
    assert response.status_code == 400
    assert "1200 characters or fewer" in response.content.decode()
    assert not ServiceFeedback.objects.exists()


def test_honeypot_is_thanked_but_not_stored(client, home_page):
    response = client.post(FORM, {"rating": "satisfied", "website": "http://spam"})
    assert response.status_code == 302
    assert not ServiceFeedback.objects.exists()


def test_rate_limited(client, home_page, settings):
    settings.SERVICE_FEEDBACK_RATE_LIMIT = "1/h"
    assert client.post(FORM, {"rating": "satisfied"}).status_code == 302
    response = client.post(FORM, {"rating": "satisfied"})
    assert response.status_code == 429
    assert ServiceFeedback.objects.count() == 1


def test_old_feedback_is_purged(db, settings):
    settings.SERVICE_FEEDBACK_RETENTION_DAYS = 30
    old = ServiceFeedback.objects.create(rating="satisfied")
    ServiceFeedback.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    recent = ServiceFeedback.objects.create(rating="neither")
    out = io.StringIO()
    feedback.purge(timezone.now(), dry_run=True, stdout=out)
    assert "would delete 1" in out.getvalue() and ServiceFeedback.objects.count() == 2
    feedback.purge(timezone.now(), dry_run=False, stdout=out)
    assert list(ServiceFeedback.objects.all()) == [recent]


def test_purge_is_registered_for_purge_expired():
    assert ("service feedback", feedback.purge) in retention.rules()


def test_admin_listing_needs_the_view_permission(client, db):
    ServiceFeedback.objects.create(rating="very_dissatisfied", comment="Could not find lunch clubs")
    assert client.get(ADMIN).status_code == 302  # not signed in
    nobody = get_user_model().objects.create_user(
        username="nobody", email="nobody@council.example", password="a-long-password-123"
    )
    nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    assert client.get(ADMIN).status_code in (302, 403)


def test_editors_read_feedback_but_cannot_change_it(client, db):
    sync_roles()
    answer = ServiceFeedback.objects.create(rating="very_dissatisfied", comment="Lunch clubs?")
    client.force_login(staff_user(EDITOR))
    response = client.get(ADMIN)
    assert response.status_code == 200
    assert "Lunch clubs?" in response.content.decode()
    assert client.get(f"{ADMIN}inspect/{answer.pk}/").status_code == 200
    assert client.get(f"{ADMIN}edit/{answer.pk}/").status_code in (302, 403)
    assert client.get(f"{ADMIN}new/").status_code in (302, 403)


def test_even_a_superuser_cannot_add_or_edit(client, db):
    answer = ServiceFeedback.objects.create(rating="satisfied")
    admin = get_user_model().objects.create_superuser(
        username="root", email="root@council.example", password="a-long-password-123"
    )
    activate_totp(admin)  # superusers must have MFA (portal.roles)
    client.force_login(admin)
    assert client.get(ADMIN).status_code == 200
    assert client.get(f"{ADMIN}new/").status_code in (302, 403)
    assert client.get(f"{ADMIN}edit/{answer.pk}/").status_code in (302, 403)
