"""Provider accounts (#25 item 1): claim by code, invitation, the change form through
moderation, and never another organisation's listing."""

import datetime
import logging
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Revision, WorkflowState

from directory.models import ListingClaim, ProviderMembership, Service
from directory.providers import services
from portal import mail as portal_mail
from portal import roles
from portal.models import SiteSettings
from tests.factories.accounts import PASSWORD, activate_totp, staff_user
from tests.factories.directory import OrganisationFactory, PhoneFactory, ServiceFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "lantern-orchard-copper-sky"  # noqa: S105 - test data


@pytest.fixture
def queued(monkeypatch):
    """Emails queued through portal.mail.queue_email, as (to, subject, text)."""
    messages = []

    def queue(*, to, subject, text, html=None, idempotency_key=None):
        messages.append({"to": to, "subject": subject, "text": text})

    monkeypatch.setattr(portal_mail, "_queue", queue)
    return messages


@pytest.fixture
def service():
    listing = ServiceFactory(
        name="Tuesday Lunch Club",
        email="clubs@example.org",
        summary="Hot lunches for older people.",
        description="<p>Hot lunches.</p><p>Every Tuesday.</p>",
    )
    listing.save_revision().publish(skip_permission_checks=True)
    return listing


def provider_of(organisation, email="provider@example.org"):
    user = staff_user(roles.PROVIDER, email=email)
    ProviderMembership.objects.create(user=user, organisation=organisation)
    return user


def claim_url(service, step=""):
    return f"/provider/listings/{service.pk}/claim/{step}"


def send_code(client, service, queued) -> str:
    response = client.post(claim_url(service))
    assert response.status_code == 302
    assert response["Location"] == claim_url(service, "code/")
    code = re.search(r"Your code is: (\d{6})", queued[-1]["text"]).group(1)
    return code


# --- Claim by code ----------------------------------------------------------------------------


def test_the_public_listing_offers_the_claim(client, service):
    page = client.get(f"/services/{service.pk}/").content.decode()
    assert "Is this your organisation?" in page
    assert claim_url(service) in page


def test_the_claim_page_masks_the_address(client, service):
    page = client.get(claim_url(service)).content.decode()
    assert "c•••@example.org" in page
    assert "clubs@example.org" not in page


def test_a_listing_without_public_email_offers_the_suggestion_form(client, service):
    service.email = ""
    service.save()
    page = client.get(claim_url(service)).content.decode()
    assert "no public email address" in page
    assert reverse("suggestions:suggest_change", args=[service.pk]) in page
    client.post(claim_url(service))
    assert not ListingClaim.objects.exists()


def test_a_listing_without_an_organisation_cannot_be_claimed(client, service, queued):
    Service.objects.filter(pk=service.pk).update(organisation=None)
    page = client.get(claim_url(service)).content.decode()
    assert "A coordinator will link it" in page
    client.post(claim_url(service))
    assert not ListingClaim.objects.exists()
    assert queued == []


def test_claim_happy_path_signed_out_creates_a_provider_account(client, service, queued, caplog):
    caplog.set_level(logging.DEBUG)
    code = send_code(client, service, queued)
    assert queued[0]["to"] == ["clubs@example.org"]
    claim = ListingClaim.objects.get()
    assert claim.code_hash != code and code not in claim.code_hash
    assert claim.expires_at - timezone.now() <= datetime.timedelta(minutes=30)

    response = client.post(claim_url(service, "code/"), {"code": code})
    assert response["Location"] == claim_url(service, "complete/")
    assert code not in response["Location"]
    page = client.get(claim_url(service, "complete/"))
    assert "Create your account" in page.content.decode()

    weak = client.post(
        claim_url(service, "complete/"),
        {"email": "me@example.org", "password1": "password", "password2": "password"},
    )
    assert weak.status_code == 400
    assert "There is a problem" in weak.content.decode()
    assert not get_user_model().objects.filter(email="me@example.org").exists()

    response = client.post(
        claim_url(service, "complete/"),
        {"email": "Me@Example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response["Location"] == claim_url(service, "complete/")
    response = client.get(response["Location"])
    assert response["Location"] == reverse("providers:change_listing", args=[service.pk])
    user = get_user_model().objects.get(email="me@example.org")
    assert ProviderMembership.objects.filter(user=user, organisation=service.organisation).exists()
    assert list(user.groups.values_list("name", flat=True)) == [roles.PROVIDER]
    assert not user.has_perm("wagtailadmin.access_admin")
    assert ModelLogEntry.objects.filter(action=services.CLAIMED, user=user).exists()
    assert code not in caplog.text
    # A used code does not work again.
    client.logout()
    client.post(claim_url(service))  # a new claim in this session
    again = client.post(claim_url(service, "code/"), {"code": code})
    assert again.status_code == 400


def test_claim_signed_in_makes_the_membership_at_once(client, service, queued):
    user = staff_user(roles.PROVIDER, email="already@example.org")
    client.force_login(user)
    code = send_code(client, service, queued)
    client.post(claim_url(service, "code/"), {"code": code})
    response = client.get(claim_url(service, "complete/"))
    assert response["Location"] == reverse("providers:change_listing", args=[service.pk])
    assert ProviderMembership.objects.filter(user=user).count() == 1


def test_five_wrong_codes_lock_the_claim(client, service, queued):
    code = send_code(client, service, queued)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        response = client.post(claim_url(service, "code/"), {"code": wrong})
        assert response.status_code == 400
    assert ListingClaim.objects.get().attempts == 5
    response = client.post(claim_url(service, "code/"), {"code": code})
    assert response.status_code == 400
    assert client.get(claim_url(service, "complete/"))["Location"] == claim_url(service)
    assert not ProviderMembership.objects.exists()


def test_wrong_and_expired_codes_get_the_same_answer(client, service, queued):
    code = send_code(client, service, queued)
    wrong = "000000" if code != "000000" else "111111"
    wrong_page = client.post(claim_url(service, "code/"), {"code": wrong})
    ListingClaim.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    expired_page = client.post(claim_url(service, "code/"), {"code": code})
    assert wrong_page.status_code == expired_page.status_code == 400
    message = "The code is wrong or has expired"
    assert message in wrong_page.content.decode()
    assert message in expired_page.content.decode()
    assert not ProviderMembership.objects.exists()


def test_sending_codes_is_rate_limited(client, service, queued, settings):
    settings.PROVIDER_CLAIM_RATE_LIMIT = "2/h"
    assert client.post(claim_url(service)).status_code == 302
    assert client.post(claim_url(service)).status_code == 302
    assert client.post(claim_url(service)).status_code == 429
    assert len(queued) == 2


# --- Invitation -------------------------------------------------------------------------------


def test_a_coordinator_invites_a_provider(client, service, queued):
    coordinator = staff_user(roles.COORDINATOR)
    client.force_login(coordinator)
    organisation = service.organisation
    listing_page = client.get("/admin/snippets/directory/organisation/").content.decode()
    invite = reverse("providers_invite", args=[organisation.pk])
    assert invite in listing_page
    response = client.post(invite, {"email": "new.provider@example.org"})
    assert response.status_code == 302
    assert queued[0]["to"] == ["new.provider@example.org"]
    assert ModelLogEntry.objects.filter(action=services.INVITED, user=coordinator).exists()
    link = re.search(r"http://testserver(/provider/invitations/\S+/)", queued[0]["text"]).group(1)
    assert "example.org" not in link
    client.logout()

    # Another address cannot use the link.
    response = client.post(
        link, {"email": "someone@else.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response.status_code == 400
    assert not get_user_model().objects.filter(email="someone@else.org").exists()

    response = client.post(
        link,
        {"email": "new.provider@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response["Location"] == reverse("providers:home")
    user = get_user_model().objects.get(email="new.provider@example.org")
    membership = ProviderMembership.objects.get(user=user)
    assert (membership.organisation, membership.invited_by) == (organisation, coordinator)
    assert ModelLogEntry.objects.filter(action=services.JOINED, user=user).exists()
    home = client.get(reverse("providers:home")).content.decode()
    assert "Tuesday Lunch Club" in home


def test_a_forged_or_old_invitation_is_refused(client, service, settings):
    coordinator = staff_user(roles.COORDINATOR)
    token = services.invitation_token(service.organisation, "x@example.org", coordinator)
    assert client.get(f"/provider/invitations/{token}x/").status_code == 404
    settings.PROVIDER_INVITATION_DAYS = 0
    assert client.get(f"/provider/invitations/{token}/").status_code == 404


def test_people_who_cannot_change_listings_cannot_invite(client, service):
    client.force_login(staff_user(roles.EDITOR))
    response = client.post(
        reverse("providers_invite", args=[service.organisation.pk]), {"email": "a@example.org"}
    )
    assert response.status_code in (302, 403)
    assert not ModelLogEntry.objects.filter(action=services.INVITED).exists()


# --- Changing a listing -----------------------------------------------------------------------


def change_data(**overrides):
    return {
        "summary": "Hot lunches and company for older people.",
        "description": "Hot lunches.\n\nEvery Tuesday & Thursday.",
        "url": "https://lunch.example.org",
        "email": "clubs@example.org",
        "phone": "0114 273 4567",
        "opening_times": "Tuesdays and Thursdays, 12 noon to 2pm",
        "fees_description": "£3 a meal",
        "eligibility": "People over 60",
        "accessibility_notes": "Step-free entrance",
        **overrides,
    }


def test_a_provider_edits_their_listing_through_moderation(client, service):
    PhoneFactory(service=service, number="0114 000 0000")
    service.save_revision().publish(skip_permission_checks=True)
    user = provider_of(service.organisation)
    client.force_login(user)
    url = reverse("providers:change_listing", args=[service.pk])
    form = client.get(url).content.decode()
    assert "Every Tuesday." in form and "<p>" not in form.split("textarea")[1]

    response = client.post(url, change_data())
    assert response["Location"] == reverse("providers:change_sent", args=[service.pk])
    assert (
        "Your changes have been sent for checking"
        in client.get(response["Location"]).content.decode()
    )

    service = Service.objects.get(pk=service.pk)
    assert service.summary == "Hot lunches for older people."  # live unchanged
    assert service.workflow_in_progress
    assert WorkflowState.objects.get().requested_by == user
    draft = service.get_latest_revision_as_object()
    assert draft.summary == "Hot lunches and company for older people."
    assert draft.description == "<p>Hot lunches.</p>\n\n<p>Every Tuesday &amp; Thursday.</p>"
    assert [phone.number for phone in draft.phones.all()] == ["0114 273 4567"]
    assert [s.description for s in draft.schedules.all()] == [
        "Tuesdays and Thursdays, 12 noon to 2pm"
    ]
    assert ModelLogEntry.objects.filter(action=services.CHANGE_SENT, user=user).exists()
    public = client.get(f"/services/{service.pk}/").content.decode()
    assert "Hot lunches for older people." in public
    assert "Hot lunches and company" not in public
    home = client.get(reverse("providers:home")).content.decode()
    assert "Awaiting approval" in home

    # A second change supersedes the first: one workflow in progress, built on it.
    client.post(url, change_data(eligibility="People over 55"))
    assert WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count() == 1
    draft = Service.objects.get(pk=service.pk).get_latest_revision_as_object()
    assert (draft.eligibility, draft.fees_description) == ("People over 55", "£3 a meal")


def test_the_change_form_shows_errors_and_saves_nothing(client, service):
    client.force_login(provider_of(service.organisation))
    revisions = Revision.objects.count()
    response = client.post(
        reverse("providers:change_listing", args=[service.pk]),
        change_data(email="not an email", phone="call us"),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Enter a phone number" in page
    assert Revision.objects.count() == revisions


def test_a_provider_cannot_edit_another_organisations_listing(client, service):
    other = ServiceFactory(organisation=OrganisationFactory(), summary="Theirs")
    user = provider_of(service.organisation)
    client.force_login(user)
    url = reverse("providers:change_listing", args=[other.pk])
    response = client.get(url)
    assert response.status_code == 403
    assert reverse("providers:claim", args=[other.pk]) in response.content.decode()
    response = client.post(url, change_data(summary="Hijacked"))
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.summary == "Theirs"
    assert not Revision.objects.filter(object_id=str(other.pk)).exists()
    assert not WorkflowState.objects.exists()
    refused = ModelLogEntry.objects.filter(action=services.REFUSED, object_id=str(other.pk))
    assert refused.count() == 2 and refused.first().user == user


def test_signed_out_visitors_are_sent_to_sign_in(client, service):
    url = reverse("providers:change_listing", args=[service.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


# --- Sign-in, MFA and the admin ---------------------------------------------------------------


def test_a_provider_signs_in_to_their_home_not_the_admin(client, service, settings):
    settings.STAFF_MFA_REQUIRED = True
    user = provider_of(service.organisation)
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("providers:home")
    home = client.get(reverse("providers:home"))
    assert home.status_code == 200
    assert "Tuesday Lunch Club" in home.content.decode()
    assert reverse("mfa_index") in home.content.decode()  # optional, offered
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("providers:change_listing", args=[service.pk])).status_code == 200


def test_providers_are_not_asked_for_mfa(service, site):
    settings_row = SiteSettings.for_site(site)
    settings_row.require_mfa_for_all_staff = True
    settings_row.save()
    user = provider_of(service.organisation)
    assert not roles.user_requires_mfa(user)
    assert not roles.ROLES[roles.PROVIDER].requires_mfa


def test_a_provider_cannot_open_the_admin(client, service):
    client.force_login(provider_of(service.organisation))
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("providers:home")
    assert "You do not have permission to access the admin" in response.content.decode()
    assert client.get("/admin/snippets/directory/service/").status_code != 200


def test_the_provider_role_is_not_offered_to_staff_invitations():
    assert roles.PROVIDER not in dict(roles.role_choices())
    assert Group.objects.filter(name=roles.PROVIDER).exists()


# --- The coordinator's view of the change -----------------------------------------------------


def test_the_coordinator_compares_the_change_field_by_field(client, service):
    user = provider_of(service.organisation)
    revision = services.submit_change(
        service,
        {**change_data(), "summary": "A brand new summary"},
        user,
    )
    administrator = staff_user(roles.ADMINISTRATOR)
    activate_totp(administrator)
    client.force_login(administrator)
    compare = reverse(
        "wagtailsnippets_directory_service:revisions_compare",
        args=[service.pk, "live", revision.pk],
    )
    assert compare in client.get("/admin/snippets/directory/service/").content.decode()
    response = client.get(compare)
    assert response.status_code == 200
    page = response.content.decode()
    assert "A brand new summary" in page
    assert "Hot lunches for older people." in page


def test_a_signed_in_person_accepts_an_invitation_sent_to_their_address(client, service):
    coordinator = staff_user(roles.COORDINATOR)
    token = services.invitation_token(service.organisation, "Known@Example.org", coordinator)
    url = reverse("providers:accept_invitation", args=[token])
    client.force_login(staff_user(email="someone.else@example.org"))
    assert client.post(url).status_code == 403
    assert not ProviderMembership.objects.exists()

    user = staff_user(email="known@example.org")
    client.force_login(user)
    assert "Accept the invitation" in client.get(url).content.decode()
    response = client.post(url)
    assert response["Location"] == reverse("providers:home")
    assert ProviderMembership.objects.get().user == user
    assert user.groups.filter(name=roles.PROVIDER).exists()


def test_a_coordinator_approves_the_providers_change(client, service):
    # The test database's first sync ran before Wagtail made "publish_service"; a deploy's
    # migrate syncs the roles again (post_migrate), as here.
    roles.sync_roles()
    coordinator = staff_user(roles.COORDINATOR)
    Service.objects.filter(pk=service.pk).update(curator=coordinator)  # in their patch
    provider = provider_of(service.organisation)
    services.submit_change(service, {**change_data(), "summary": "Approved summary"}, provider)
    service = Service.objects.get(pk=service.pk)
    task_state = service.current_workflow_state.current_task_state
    task = task_state.task.specific
    assert "approve" in [name for name, _label, _modal in task.get_actions(service, coordinator)]
    assert not task.locked_for_user(service, coordinator)
    task.on_action(task_state, coordinator, "approve")
    service = Service.objects.get(pk=service.pk)
    assert service.summary == "Approved summary"
    assert not service.workflow_in_progress
