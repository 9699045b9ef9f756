from django.apps import AppConfig


class CarersConfig(AppConfig):
    name = "carers"
    verbose_name = "Carers' hub"
    default_auto_field = "django.db.models.BigAutoField"
