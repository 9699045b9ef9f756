"""Create (or reset) the development admin and print its sign-in details.

Development only: a fresh random password each time, never a hard-coded one.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from portal.roles import user_has_mfa

DEMO_ADMIN_EMAIL = "admin@signpost.example"


class Command(BaseCommand):
    help = "Create or reset the demo admin user (development only) and print the credentials."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("The demo admin is for development only (DEBUG is off).")
        password = secrets.token_urlsafe(12)
        user, _ = get_user_model().objects.update_or_create(
            username=DEMO_ADMIN_EMAIL,
            defaults={
                "email": DEMO_ADMIN_EMAIL,
                "is_staff": True,
                "is_superuser": True,
                "is_active": True,
            },
        )
        user.set_password(password)
        user.save()
        administrators = Group.objects.filter(name="Administrator").first()
        if administrators:
            user.groups.add(administrators)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo admin: sign in at /accounts/login/ with {DEMO_ADMIN_EMAIL} / {password}"
            )
        )
        if settings.STAFF_MFA_REQUIRED and not user_has_mfa(user):
            self.stdout.write(
                "  Administrators must set up an authenticator app at first sign-in "
                "(or run with STAFF_MFA_REQUIRED=false for a demo without a phone)."
            )
