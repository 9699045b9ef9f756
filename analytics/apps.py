from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "analytics"
    # The label it had as search.analytics: its tables, migrations and permissions keep it.
    label = "search_analytics"
    verbose_name = "Prevention analytics"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from analytics import receivers  # app registry ready: receivers import models

        receivers.connect()
