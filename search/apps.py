from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here: signals imports the directory's models, which load after apps.
        from search import signals

        signals.connect()
