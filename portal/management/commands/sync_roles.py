"""Bring the staff role groups in line with portal/roles.py (also runs after `migrate`).

Run it after creating the advice or carers section pages, so Editors' page permissions
move from the home page to those sections. It also repairs role groups renamed outside the
admin (by their RoleGroup row), and says what it repaired.
"""

from django.core.management.base import BaseCommand

from portal.roles import sync_roles


class Command(BaseCommand):
    help = "Create or update the staff role groups and their permissions."

    def handle(self, *args, **options):
        counts = sync_roles(report=lambda line: self.stdout.write(f"Repaired {line}"))
        for role, count in counts.items():
            self.stdout.write(f"{role}: {count} permissions")
