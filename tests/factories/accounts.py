"""Factories for staff accounts."""

import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test data
TOTP_PERIOD = 30  # seconds: allauth's default MFA_TOTP_PERIOD, which Signpost keeps
TOTP_MARGIN_SECONDS = 8  # a code with less time left than this waits for the next window


class StaffUserFactory(factory.django.DjangoModelFactory):
    """A member of staff who signs in with their email and PASSWORD."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"staff{n}@council.example")
    username = factory.SelfAttribute("email")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def email_address(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"primary": True, "verified": True}
            )


def staff_user(role: str | None = None, **kwargs):
    """A saved member of staff in `role` (a group name from portal.roles), or none."""
    user = StaffUserFactory(**kwargs)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def activate_totp(user) -> str:
    """Give `user` an activated authenticator app; returns the TOTP secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_totp_code(secret: str) -> str:
    """The code an authenticator app would show now. Near the end of a 30-second window
    (allauth accepts only the current one: MFA_TOTP_TOLERANCE 0) it waits for the next, as a
    person would, so that a slow browser test does not send a code that has just expired."""
    left = TOTP_PERIOD - time.time() % TOTP_PERIOD
    if left < TOTP_MARGIN_SECONDS:
        time.sleep(left + 0.1)
    counter = next(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counter))
