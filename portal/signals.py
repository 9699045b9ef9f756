"""Signal receivers for accounts and roles."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import connections

from portal.roles import sync_roles

NEEDED_TABLES = {
    "auth_group",
    "auth_permission",
    "wagtailcore_grouppagepermission",
    "portal_rolegroup",
}


def sync_roles_after_migrate(sender, using="default", verbosity=1, **kwargs):
    """Bring the role groups up to date once every app's permissions exist."""
    if not set(connections[using].introspection.table_names()) >= NEEDED_TABLES:
        return  # a partial migrate (e.g. back to zero): nothing to sync yet
    for app_config in global_apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
        create_permissions(app_config, verbosity=0, using=using)
    stdout = kwargs.get("stdout")

    def report(line: str) -> None:  # a role group repaired (renamed back, a copy merged)
        if verbosity >= 1 and stdout is not None:
            stdout.write(f"Repaired {line}\n")

    counts = sync_roles(report=report)
    if verbosity >= 2 and stdout is not None:
        stdout.write(f"Synced staff roles: {counts}\n")
