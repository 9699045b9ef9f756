"""Factories and helpers for referrals: answers as the wizard would build them, staff users
with team permissions, and the POST data for each wizard step."""

import datetime

import factory
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from factory.django import DjangoModelFactory

from referrals.choices import FilledInBy
from referrals.models import Referral
from referrals.services import submit_referral

factory.Faker._DEFAULT_LOCALE = "en_GB"

ROLE_PERMISSIONS = {
    "First Contact": ["access_first_contact_queue", "view_referral", "change_referral"],
    "Carers Centre": [
        "access_carers_centre_queue",
        "access_partner_queue",
        "view_referral",
        "change_referral",
    ],
    "Partner": ["access_partner_queue", "view_referral", "change_referral"],
    "Administrator": [
        "access_first_contact_queue",
        "access_carers_centre_queue",
        "export_referral_counts",
        "view_referral",
        "change_referral",
        "view_referralauditentry",
    ],
}


def role_group(name: str) -> Group:
    """The named group with its referral permissions and Wagtail admin access."""
    group, _ = Group.objects.get_or_create(name=name)
    codenames = [*ROLE_PERMISSIONS[name], "access_admin"]
    group.permissions.add(*Permission.objects.filter(codename__in=codenames))
    return group


class StaffFactory(DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@council.example")
    is_staff = True

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for name in extracted or []:
            self.groups.add(role_group(name))

    @factory.post_generation
    def with_mfa(self, create, extracted, **kwargs):
        """Staff who see referrals must have an authenticator app (portal.roles); on by default."""
        if create and extracted is not False:
            from tests.factories.accounts import activate_totp

            activate_totp(self)


def answers(filled_in_by=FilledInBy.MYSELF, **overrides) -> dict:
    """A complete, valid answers document (postcode S1 2HH must be in the gazetteer for an
    area to be set)."""
    data = {
        "urgent": "none",
        "filled_in_by": filled_in_by,
        "consent": {"agrees": True},
        "referrer": {},
        "person": {
            "full_name": "Margaret Example",
            "date_of_birth": "1942-03-27",
            "address_line_1": "1 Test Street",
            "address_line_2": "",
            "town": "Sheffield",
            "postcode": "S1 2HH",
            "phone": "0114 496 0000",
            "email": "margaret@example.com",
            "contact_method": "phone",
            "best_time": "morning",
            "contact_notes": "",
        },
        "communication": {"language": "", "needs": [], "other_needs": ""},
        "situation": {"what_is_happening": "I am finding the stairs hard.", "what_matters": ""},
        "outcomes": ["home_safe"],
        "outcomes_other": "",
        "carer": {},
        "gp": {},
        "services": {"services": [], "searches": [], "other_help": ""},
        "wants_confirmation_email": False,
    }
    if filled_in_by == FilledInBy.PROFESSIONAL:
        data["consent"] = {"consent_given_by": "person", "consent_date": "2026-12-03"}
        data["referrer"] = {
            "referrer_name": "Dr Asha Rahman",
            "role": "gp",
            "role_other": "",
            "organisation": "Walkley Road Surgery",
            "referrer_phone": "0114 496 0123",
            "referrer_email": "asha.rahman@nhs.example",
        }
    if filled_in_by == FilledInBy.CARER:
        data["outcomes"] = ["carer_break", "carer_health"]
        data["situation"] = {"what_is_happening": "I care for my mother.", "what_matters": ""}
        data["carer"] = {
            "hours": "50_plus",
            "support_for": "carer",
            "wants_assessment": True,
            "tell_about_cared_for": True,
            "cared_for_name": "",
            "relationship": "mother",
        }
    data.update(overrides)
    return data


def referral(**kwargs) -> Referral:
    """A stored referral made the way the wizard makes them."""
    return submit_referral(answers(**kwargs))


MANAGEMENT = "referral_wizard-current_step"


WELLBEING_OUTCOMES = ["home_safe", "relationships"]
CARER_OUTCOMES = ["carer_break", "carer_health"]  # a carer's own outcomes


def consent_date(days_ago: int = 4) -> datetime.date:
    """A consent date a professional's referral accepts: a few days before today."""
    return timezone.localdate() - datetime.timedelta(days=days_ago)


def step_data(
    path: str, postcode: str = "S1 2HH", *, tell_about_cared_for: bool = True
) -> list[tuple[str, dict]]:
    """(step, POST fields) for a whole journey: path is myself, someone_else, carer (who
    may or may not tell us about the person they care for) or professional."""
    steps = [
        ("urgent", {"situation": "none"}),
        ("who", {"filled_in_by": path}),
    ]
    if path != "professional":
        steps.append(
            ("consent", {"person_agrees": "yes"} if path == "someone_else" else {"agrees": "on"})
        )
    if path == "professional":
        given = consent_date()
        steps += [
            ("your-name", {"referrer_name": "Dr Asha Rahman"}),
            ("your-role", {"role": "social_prescriber"}),
            ("your-organisation", {"organisation": "Walkley Social Prescribing"}),
            (
                "your-contact",
                {"referrer_phone": "0114 496 0123", "referrer_email": "asha@nhs.example"},
            ),
            ("consent-given-by", {"consent_given_by": "attorney"}),
            (
                "consent-date",
                {
                    "consent_day": str(given.day),
                    "consent_month": str(given.month),
                    "consent_year": str(given.year),
                },
            ),
        ]
    if path == "someone_else":
        steps += [
            ("your-name", {"referrer_name": "Sam Neighbour"}),
            ("relationship", {"relationship": "neighbour"}),
            ("your-contact", {"referrer_email": "sam@example.com"}),
        ]
    steps += [
        ("name", {"full_name": "Margaret Example"}),
        ("date-of-birth", {"dob_day": "27", "dob_month": "3", "dob_year": "1942"}),
        ("address", {"postcode": postcode, "address_line_1": "1 Test Street", "town": "Sheffield"}),
        (
            "contact",
            {
                "methods": ["phone", "email"],
                "phone": "0114 496 0000",
                "email": "margaret@example.com",
            },
        ),
        ("best-time", {"best_time": "morning"}),
        ("contact-notes", {}),
        ("communication", {"needs": ["easy_read"]}),
        ("situation", {"what_is_happening": "Finding the stairs hard."}),
        ("what-matters", {"what_matters": "Staying at home."}),
        ("outcomes", {"outcomes": CARER_OUTCOMES if path == "carer" else WELLBEING_OUTCOMES}),
    ]
    if path == "carer":
        steps += [
            ("carer-hours", {"hours": "50_plus"}),
            ("carer-support", {"support_for": "carer"}),
            ("carers-assessment", {"wants_assessment": "yes"}),
            ("about-cared-for", {"tell_about_cared_for": "yes" if tell_about_cared_for else "no"}),
        ]
        if tell_about_cared_for:
            steps.append(("cared-for", {"relationship": "mother"}))
    steps += [
        ("gp", {"gp_practice": "Test Surgery"}),
        ("tried", {}),
        # "Accept and send"; a professional is not asked to email the person a confirmation
        ("check", {} if path == "professional" else {"send_confirmation": "on"}),
    ]
    return steps


def post_fields(step: str, fields: dict) -> dict:
    data = {MANAGEMENT: step}
    for name, value in fields.items():
        data[f"{step}-{name}"] = value
    return data
