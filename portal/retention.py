"""The retention rules other apps register, run by `manage.py purge_expired`.

An app with data to delete or anonymise registers a `purge(now, dry_run, stdout)` callable
from its AppConfig.ready(), so portal's command runs every rule without importing the apps
(DESIGN §1: portal is the lowest layer).
"""

from collections.abc import Callable

_rules: dict[str, Callable] = {}


def register(name: str, purge: Callable) -> None:
    """Add (or, under the same name, replace) a retention rule."""
    _rules[name] = purge


def rules() -> list[tuple[str, Callable]]:
    """The registered rules as (name, purge), in the order they were first registered."""
    return list(_rules.items())
