from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and synthetic data for development, browser tests and benchmarks (no models).

    Nothing in the site imports it: it sits above every other app and only fills them.
    """

    name = "demo"
    verbose_name = "Demo data"
