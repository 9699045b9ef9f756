"""Bring the staff role groups in line with portal/roles.py (also runs after `migrate`).

Run it after creating the advice or carers section pages, so Editors' page permissions
move from the home page to those sections.
"""

from django.core.management.base import BaseCommand

from portal.roles import sync_roles


class Command(BaseCommand):
    help = "Create or update the staff role groups and their permissions."

    def handle(self, *args, **options):
        for role, count in sync_roles().items():
            self.stdout.write(f"{role}: {count} permissions")
