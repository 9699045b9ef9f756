"""Remove a member of staff's authenticator app and recovery codes (lost phone).

They are asked to set up a new authenticator app the next time they sign in.
"""

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Remove a user's authenticator app and recovery codes so they set MFA up again."

    def add_arguments(self, parser):
        parser.add_argument("email", help="the member of staff's email address")

    def handle(self, *args, email, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError("There is no account with that email address.")
        deleted, _ = Authenticator.objects.filter(user=user).delete()
        self.stdout.write(
            self.style.SUCCESS(f"Removed {deleted} authenticator(s) for user {user.pk}.")
        )
