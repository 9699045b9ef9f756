from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    """Local area coordination: the public finder at /local-area-coordination/ (no models of
    its own; coordinators and their patches are directory.models.LocalAreaCoordinator and Area)."""

    name = "coordination"
    verbose_name = "Local area coordination"
