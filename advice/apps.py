from django.apps import AppConfig

from portal import sections


class AdviceConfig(AppConfig):
    name = "advice"
    verbose_name = "Advice"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Imported here, not at the top: these modules use the models, which are loaded
        # only once the app registry is ready.
        from advice import signals
        from advice.search import index_advice_pages, search_advice

        signals.connect()
        sections.register(
            sections.Section(
                name="advice",
                search=search_advice,
                template="advice/includes/advice_results.html",
                rebuild=index_advice_pages,
                counted_as="live advice pages",
            )
        )
