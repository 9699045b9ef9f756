"""Listing URLs for a page of results, reversed once a page instead of once a result."""

import uuid
from collections.abc import Callable

from django.urls import reverse

_MARK = uuid.UUID(int=0)


def service_url_maker() -> Callable[[uuid.UUID], str]:
    """A function giving a listing's URL from its id, as
    `reverse("directory:service_detail", args=[id])` does (same converter, same prefix), with
    one `reverse` for all of them: a results page links to twenty listings twice (card, map)."""
    head, tail = reverse("directory:service_detail", args=[_MARK]).split(str(_MARK))
    return lambda service_id: f"{head}{service_id}{tail}"
