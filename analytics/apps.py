from django.apps import AppConfig

from portal import retention


class AnalyticsConfig(AppConfig):
    name = "analytics"
    # The label it had as search.analytics: its tables, migrations and permissions keep it.
    label = "search_analytics"
    verbose_name = "Prevention analytics"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported once the app registry is ready: both import models.
        from analytics import receivers
        from analytics.retention import purge

        receivers.connect()
        retention.register("analytics", purge)
