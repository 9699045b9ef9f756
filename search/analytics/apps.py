from django.apps import AppConfig


class SearchAnalyticsConfig(AppConfig):
    name = "search.analytics"
    label = "search_analytics"
    verbose_name = "Prevention analytics"
    default_auto_field = "django.db.models.BigAutoField"
