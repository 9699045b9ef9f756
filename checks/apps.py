from django.apps import AppConfig


class ChecksConfig(AppConfig):
    """ "Check what help you might get": the indicative Care Act checks for adults and
    carers and the "what you might pay" estimate (issue #24)."""

    name = "checks"
    verbose_name = "Care Act checks"
    default_auto_field = "django.db.models.BigAutoField"
