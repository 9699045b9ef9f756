from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "advice"
    verbose_name = "Advice"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from advice import signals

        signals.connect()
