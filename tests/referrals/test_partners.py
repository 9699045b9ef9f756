"""Partners in the loop (#23): a partner organisation's staff see only the referrals passed
to it, accept or decline each (a decline goes back to First Contact), and the person who
referred is told, through the outbox, once when it is accepted and once when it is closed."""

import html
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from referrals import outbox, routing, services
from referrals.choices import HandoverState, Team
from referrals.events import referral_progressed, referrer_notified
from referrals.follow import request_status
from referrals.models import HandoverEvent, OutboxMessage, Partner, Referral, ReferralAuditEntry
from tests.factories.referrals import StaffFactory, answers, referral

pytestmark = pytest.mark.django_db
ACCEPTED, CLOSED = OutboxMessage.Kind.REFERRER_ACCEPTED, OutboxMessage.Kind.REFERRER_CLOSED


@pytest.fixture
def carers_centre():
    """The Carers Centre partner (made by the data migration)."""
    return Partner.objects.get(team=Team.CARERS_CENTRE)


def partner_user(partner, role="Carers Centre"):
    """A member of `partner`'s staff (the Carers Centre role, or the Partner role only)."""
    user = StaffFactory(roles=[role])
    partner.members.add(user)
    return user


@pytest.fixture
def age_uk(db):
    return Partner.objects.create(name="Age UK Sheffield", inbox_email="referrals@ageuk.example")


def only_partner_staff(partner):
    """A member of a partner with no team queue: the Partner role only."""
    return partner_user(partner, role="Partner")


def carer_referral(**overrides):
    return referral(filled_in_by="carer", **overrides)


# Routing and visibility


def test_a_carer_wanting_support_waits_for_the_carers_centre_to_accept(gazetteer, carers_centre):
    made = carer_referral()
    assert made.team == Team.CARERS_CENTRE
    assert made.partner == carers_centre and made.handover == HandoverState.WAITING
    assert list(made.handovers.values_list("step", flat=True)) == ["routed"]
    assert referral().partner is None  # First Contact's own: no partner


def test_partner_staff_see_only_referrals_passed_to_their_partner(client, gazetteer, age_uk):
    first_contact = StaffFactory(roles=["First Contact"])
    theirs, other = referral(), referral()
    carers = carer_referral()
    services.pass_to_partner(theirs, first_contact, age_uk, "Lonely, wants a lunch club")
    user = only_partner_staff(age_uk)
    assert list(Referral.objects.for_user(user)) == [theirs]
    client.force_login(user)
    html = client.get("/admin/referrals/").content.decode()
    assert theirs.reference in html
    assert other.reference not in html and carers.reference not in html
    assert client.get(f"/admin/referrals/{theirs.pk}/").status_code == 200
    for hidden in (other, carers):
        assert client.get(f"/admin/referrals/{hidden.pk}/").status_code == 404
        assert client.post(reverse("referrals_admin:accept", args=[hidden.pk])).status_code == 404
        hidden.refresh_from_db()
        assert hidden.handover != HandoverState.ACCEPTED


def test_first_contact_cannot_accept_or_decline_and_a_partner_cannot_pass(
    client, gazetteer, carers_centre, age_uk
):
    waiting = carer_referral()
    client.force_login(StaffFactory(roles=["First Contact"]))
    for name in ("accept", "decline"):
        response = client.post(reverse(f"referrals_admin:{name}", args=[waiting.pk]))
        assert response.status_code == 403
    client.force_login(partner_user(carers_centre))
    response = client.post(
        reverse("referrals_admin:pass_to_partner", args=[waiting.pk]),
        {"partner": age_uk.pk, "reason": "x"},
    )
    assert response.status_code == 403
    waiting.refresh_from_db()
    assert waiting.handover == HandoverState.WAITING and waiting.partner == carers_centre
    assert not ReferralAuditEntry.objects.filter(
        referral=waiting, action__in=["partner_accepted", "partner_declined", "passed_to_partner"]
    ).exists()


def test_a_partner_member_whose_partner_is_inactive_sees_nothing(gazetteer, age_uk):
    made = referral()
    services.pass_to_partner(made, None, age_uk, "reason")
    user = only_partner_staff(age_uk)
    age_uk.active = False
    age_uk.save()
    assert not Referral.objects.for_user(user).exists()


# Accept, decline, pass


def test_declining_with_a_reason_returns_it_to_first_contact(client, gazetteer, carers_centre):
    made = carer_referral()
    user = partner_user(carers_centre)
    client.force_login(user)
    page = client.get(f"/admin/referrals/{made.pk}/").content.decode()
    assert "Accept referral" in page and "Decline referral" in page
    response = client.post(reverse("referrals_admin:decline", args=[made.pk]), {"detail": "x"})
    assert response.status_code == 200
    assert "Choose why you are declining the referral" in response.content.decode()
    response = client.post(
        reverse("referrals_admin:decline", args=[made.pk]),
        {"reason": "outside_area", "detail": "They live in Rotherham"},
    )
    assert response.status_code == 302 and response["Location"] == reverse("referrals_admin:index")
    made.refresh_from_db()
    assert made.team == Team.FIRST_CONTACT and made.handover == HandoverState.DECLINED
    assert made.assigned_to is None
    assert not Referral.objects.for_user(user).filter(pk=made.pk).exists()
    event = made.handovers.get(step="declined")
    assert event.reason == "outside_area" and event.user == user
    assert event.text == "They live in Rotherham"
    assert "Rotherham" not in event.text_encrypted  # encrypted at rest
    entry = ReferralAuditEntry.objects.get(referral=made, action="partner_declined")
    assert entry.user == user and entry.details_display == "Outside our area"

    client.force_login(StaffFactory(roles=["First Contact"]))
    queue = client.get("/admin/referrals/").content.decode()
    assert made.reference in queue and "Declined by Carers Centre" in queue
    page = client.get(f"/admin/referrals/{made.pk}/").content.decode()
    assert "Declined by Carers Centre: Outside our area" in page
    assert "They live in Rotherham" in page
    assert "Pass to a partner" in page


def test_accepting_keeps_it_with_the_partner_and_queues_one_notification(
    client, gazetteer, carers_centre
):
    made = carer_referral()
    user = partner_user(carers_centre)
    client.force_login(user)
    response = client.post(reverse("referrals_admin:accept", args=[made.pk]))
    assert response["Location"] == reverse("referrals_admin:detail", args=[made.pk])
    made.refresh_from_db()
    assert made.handover == HandoverState.ACCEPTED and made.team == Team.CARERS_CENTRE
    assert ReferralAuditEntry.objects.filter(referral=made, action="partner_accepted").count() == 1
    assert OutboxMessage.objects.filter(referral=made, kind=ACCEPTED).count() == 1
    # Accepting twice is refused, and sends nothing more.
    client.post(reverse("referrals_admin:accept", args=[made.pk]))
    assert OutboxMessage.objects.filter(referral=made, kind=ACCEPTED).count() == 1


def test_first_contact_passes_to_a_partner_with_an_encrypted_reason(client, gazetteer, age_uk):
    made = referral()
    worker = StaffFactory(roles=["First Contact"])
    client.force_login(worker)
    response = client.post(reverse("referrals_admin:pass_to_partner", args=[made.pk]), {})
    assert "Choose the partner to pass the referral to" in response.content.decode()
    response = client.post(
        reverse("referrals_admin:pass_to_partner", args=[made.pk]),
        {"partner": age_uk.pk, "reason": "Wants a befriender"},
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.partner == age_uk and made.handover == HandoverState.WAITING
    assert made.team == Team.FIRST_CONTACT  # First Contact still sees it
    event = made.handovers.get(step="passed")
    assert event.text == "Wants a befriender" and "befriender" not in event.text_encrypted
    email = OutboxMessage.objects.get(referral=made, kind=OutboxMessage.Kind.PARTNER_EMAIL)
    outbox.process()
    assert mail.outbox[-1].to == ["referrals@ageuk.example"]
    assert made.reference in mail.outbox[-1].body and "Margaret" not in mail.outbox[-1].body
    email.refresh_from_db()
    assert email.status == "sent"
    page = client.get(f"/admin/referrals/{made.pk}/").content.decode()
    assert "Passed to Age UK Sheffield" in page and "Wants a befriender" in page
    assert "Pass to a partner" not in page  # already with a partner


def test_passing_to_the_carers_centre_moves_it_to_its_queue(gazetteer, carers_centre):
    made = referral()
    services.pass_to_partner(made, None, carers_centre, "A carer after all")
    made.refresh_from_db()
    assert made.team == Team.CARERS_CENTRE and made.handover == HandoverState.WAITING


def test_progress_signal_after_pass_accept_and_decline(gazetteer, carers_centre, age_uk):
    seen = []

    def receiver(sender, referral, **kwargs):
        seen.append((referral.reference, referral.handover))

    referral_progressed.connect(receiver)
    try:
        first, second = carer_referral(), referral()
        services.accept_referral(first, None)
        services.pass_to_partner(second, None, age_uk, "reason")
        services.decline_referral(second, None, "no_capacity")
    finally:
        referral_progressed.disconnect(receiver)
    assert seen == [
        (first.reference, "accepted"),
        (second.reference, "waiting"),
        (second.reference, "declined"),
    ]


def test_a_closed_referral_cannot_be_passed_or_answered(gazetteer, age_uk):
    made = carer_referral()
    services.change_status(made, None, "closed", "information_advice")
    with pytest.raises(services.TriageError):
        services.accept_referral(made, None)
    with pytest.raises(services.TriageError):
        services.pass_to_partner(made, None, age_uk, "reason")


def test_a_partner_user_can_close_it_with_the_same_outcomes(client, gazetteer, carers_centre):
    made = carer_referral()
    client.force_login(partner_user(carers_centre))
    client.post(reverse("referrals_admin:accept", args=[made.pk]))
    response = client.post(
        reverse("referrals_admin:change_status", args=[made.pk]),
        {"status": "closed", "outcome": "carers_centre"},
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.status == "closed" and made.outcome == "carers_centre"
    assert made.first_closed_at is not None  # counts in the same measures


# Notifications to the person who referred


@pytest.mark.parametrize(
    ("filled_in_by", "extra", "expected"),
    [
        ("myself", {}, "margaret@example.com"),
        ("carer", {}, "margaret@example.com"),
        ("someone_else", {"referrer": {"referrer_email": "son@example.com"}}, "son@example.com"),
        ("professional", {"referrer": {"referrer_email": "gp@nhs.example"}}, "gp@nhs.example"),
        ("someone_else", {"referrer": {}}, ""),
    ],
)
def test_referrer_email_follows_who_filled_it_in(filled_in_by, extra, expected):
    assert routing.referrer_email(answers(filled_in_by, **extra)) == expected


def test_accepting_and_closing_sends_one_notification_each_without_personal_data(
    gazetteer, carers_centre, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://signpost.example"
    made = carer_referral()
    services.accept_referral(made, None)
    services.change_status(made, None, "closed", "carers_centre")
    services.change_status(made, None, "in_review")  # reopened …
    services.change_status(made, None, "closed", "carers_centre")  # … and closed again
    messages = OutboxMessage.objects.filter(kind__in=[ACCEPTED, CLOSED])
    assert sorted(messages.values_list("kind", flat=True)) == [ACCEPTED, CLOSED]
    for message in messages:
        assert "margaret" not in str(message.payload).lower()  # recipient encrypted

    told = []

    def receiver(sender, referral, kind, **kwargs):
        told.append((referral.reference, kind))

    referrer_notified.connect(receiver)
    try:
        mail.outbox.clear()
        outbox.process()
    finally:
        referrer_notified.disconnect(receiver)
    sent = [m for m in mail.outbox if m.to == ["margaret@example.com"]]
    assert len(sent) == 2
    for email in sent:
        text = email.subject + email.body
        assert made.reference in text
        assert "https://signpost.example" + reverse("referrals:follow") in email.body
        for personal in ("Margaret", "Example", "mother", "S1", "Carers Centre", "Referred to"):
            assert personal not in text
    assert sorted(email.subject.split(made.reference)[1] for email in sent) == [
        " has been accepted",
        " has been closed",
    ]
    assert sorted(told) == sorted([(made.reference, ACCEPTED), (made.reference, CLOSED)])
    made.refresh_from_db()
    assert made.referrer_told_accepted_at and made.referrer_told_closed_at
    for message in messages.all():
        assert message.status == "sent" and "to_encrypted" not in message.payload


def test_no_email_no_notification(gazetteer, carers_centre):
    person = answers("carer")["person"] | {"email": ""}
    made = referral(filled_in_by="carer", person=person)
    services.accept_referral(made, None)
    services.change_status(made, None, "closed", "carers_centre")
    assert not OutboxMessage.objects.filter(kind__in=[ACCEPTED, CLOSED]).exists()


def test_the_staff_page_says_when_the_referrer_was_told(client, gazetteer, carers_centre):
    made = carer_referral()
    services.accept_referral(made, None)
    outbox.process()
    made.refresh_from_db()
    client.force_login(partner_user(carers_centre))
    page = client.get(f"/admin/referrals/{made.pk}/").content.decode()
    assert f"Accepted: told on {made.referrer_told_accepted_at:%-d %B %Y}" in page


def test_handover_events_cascade_and_partners_are_listed_for_administrators(client, gazetteer):
    admin = StaffFactory(is_superuser=True)
    client.force_login(admin)
    response = client.get(reverse("wagtailsnippets_referrals_partner:list"))
    assert response.status_code == 200 and "Carers Centre" in response.content.decode()
    made = carer_referral()
    made.delete()
    assert not HandoverEvent.objects.exists()


def test_purging_keeps_the_handover_steps_but_not_their_text(settings, gazetteer, age_uk):
    settings.REFERRAL_RETENTION_DAYS = 30
    made = referral()
    services.pass_to_partner(made, None, age_uk, "Wants a befriender")
    services.decline_referral(made, None, "no_capacity", "Full until March")
    services.change_status(made, None, "closed", "no_further_action")
    Referral.objects.filter(pk=made.pk).update(closed_at=timezone.now() - timedelta(days=31))
    call_command("purge_expired", stdout=StringIO())
    steps = made.handovers.order_by("pk")
    assert [(e.step, e.reason, e.text) for e in steps] == [
        ("passed", "", ""),
        ("declined", "no_capacity", ""),
    ]
    assert not OutboxMessage.objects.filter(referral=made, payload__has_key="to_encrypted").exists()


def test_partner_staff_home_panel_counts_what_waits_and_the_queue_filters_it(
    client, gazetteer, age_uk
):
    waiting, accepted, declined = referral(), referral(), referral()
    for made in (waiting, accepted, declined):
        services.pass_to_partner(made, None, age_uk, "reason")
    services.accept_referral(accepted, None)
    services.decline_referral(declined, None, "other")
    client.force_login(only_partner_staff(age_uk))
    home = client.get("/admin/").content.decode()
    row = re.search(
        r'<a href="(?P<url>[^"]+)">Waiting for Age UK Sheffield to accept</a></th>\s*'
        r"<td>(?P<count>.*?)</td>",
        home,
        re.S,
    )
    assert re.sub(r"<[^>]+>", "", row["count"]).strip() == "1"
    url = html.unescape(row["url"])
    assert url == reverse("referrals_admin:index") + "?handover=waiting"
    page = client.get(url).content.decode()
    assert waiting.reference in page
    assert accepted.reference not in page and declined.reference not in page

    client.force_login(StaffFactory(roles=["First Contact"]))
    page = client.get("/admin/referrals/?handover=declined").content.decode()
    assert declined.reference in page and waiting.reference not in page


def offered(page, user) -> bool:
    """Whether the detail page's assignment form offers `user`."""
    select = re.search(r'<select name="assignee".*?</select>', page, re.S)[0]
    return f'<option value="{user.pk}"' in select


def test_partner_staff_are_offered_only_their_colleagues_to_assign(client, gazetteer, age_uk):
    council = StaffFactory(roles=["First Contact"])
    made = referral()
    services.pass_to_partner(made, council, age_uk, "reason")
    user, colleague = only_partner_staff(age_uk), only_partner_staff(age_uk)
    client.force_login(user)
    page = client.get(f"/admin/referrals/{made.pk}/").content.decode()
    assert offered(page, colleague) and not offered(page, council)
    response = client.post(
        reverse("referrals_admin:assign", args=[made.pk]), {"assignee": council.pk}
    )
    assert response.status_code == 200  # not one of the choices: the form says so
    made.refresh_from_db()
    assert made.assigned_to is None
    client.post(reverse("referrals_admin:assign", args=[made.pk]), {"assignee": colleague.pk})
    made.refresh_from_db()
    assert made.assigned_to == colleague
    # First Contact may assign it to the partner's staff while it is with them.
    client.force_login(council)
    page = client.get(f"/admin/referrals/{made.pk}/").content.decode()
    assert offered(page, colleague) and offered(page, council)


def test_a_partner_with_referrals_cannot_be_deleted_but_says_why(client, gazetteer, carers_centre):
    carer_referral()
    client.force_login(StaffFactory(is_superuser=True))
    url = reverse("wagtailsnippets_referrals_partner:delete", args=[carers_centre.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode()
    assert Partner.objects.filter(pk=carers_centre.pk).exists()
    unused = Partner.objects.create(name="Unused")
    client.post(reverse("wagtailsnippets_referrals_partner:delete", args=[unused.pk]))
    assert not Partner.objects.filter(pk=unused.pk).exists()


def test_a_second_answer_from_a_stale_page_is_refused(gazetteer, carers_centre):
    made = carer_referral()
    stale = Referral.objects.get(pk=made.pk)
    services.accept_referral(made, None)
    with pytest.raises(services.TriageError):
        services.decline_referral(stale, None, "no_capacity")
    made.refresh_from_db()
    assert made.handover == HandoverState.ACCEPTED and made.team == Team.CARERS_CENTRE


def test_partner_staff_bulk_assign_to_a_colleague(client, gazetteer, age_uk):
    first, second = referral(), referral()
    for made in (first, second):
        services.pass_to_partner(made, None, age_uk, "reason")
    user, colleague = only_partner_staff(age_uk), only_partner_staff(age_uk)
    client.force_login(user)
    response = client.post(
        reverse("referrals_admin:bulk_assign"),
        {"referrals": [first.pk, second.pk], "assignee": colleague.pk},
        follow=True,
    )
    assert "2 referrals assigned." in response.content.decode()
    assert set(Referral.objects.filter(assigned_to=colleague)) == {first, second}


def test_the_persons_status_page_names_the_partner_once_it_has_accepted(gazetteer, age_uk):
    made = referral()
    services.pass_to_partner(made, None, age_uk, "reason")
    assert request_status(made).team_name.startswith("First Contact")
    services.accept_referral(made, None)
    assert request_status(made).team_name == "Age UK Sheffield"
