from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal import feedback, retention, signals, sitecache
        from portal.models import SiteSettings

        # Runs after every `migrate`, when apps migrated after ours have their permissions.
        post_migrate.connect(signals.sync_roles_after_migrate, sender=self)
        sitecache.connect(SiteSettings)
        retention.register("service feedback", feedback.purge)
