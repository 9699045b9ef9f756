"""The search interface shared by every backend, the public views and analytics.

A view builds a `ServiceQuery` from a validated form and calls `search.api.search_services()`;
a backend returns `ServiceResults`. Nothing here touches the database.
"""

from dataclasses import dataclass, field
from math import ceil
from typing import Any

DEFAULT_RADIUS_MILES = 3.0
MAX_RADIUS_MILES = 50.0
PER_PAGE = 20


@dataclass(frozen=True)
class ServiceQuery:
    """What someone asked for. Text is as typed (backends normalise it); codes are category codes."""

    text: str = ""
    latitude: float | None = None
    longitude: float | None = None
    radius_miles: float = DEFAULT_RADIUS_MILES
    categories: tuple[str, ...] = ()
    kind: str | None = None
    open_now: bool = False
    age: int | None = None
    free_only: bool = False
    sort: str = "relevance"  # "relevance" | "distance"
    page: int = 1
    per_page: int = PER_PAGE

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass
class ServiceHit:
    """One result: the live Service (with organisation, terms and locations prefetched)."""

    service: Any
    distance_miles: float | None = None
    score: float | None = None


@dataclass
class ServiceResults:
    hits: list[ServiceHit]
    total: int
    page: int
    per_page: int
    facets: dict[str, int] = field(default_factory=dict)  # category code -> live services matching
    suggestion: str | None = None  # "did you mean"
    backend: str = "database"
    latency_ms: float = 0.0

    @property
    def num_pages(self) -> int:
        return max(1, ceil(self.total / self.per_page)) if self.per_page else 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1
