"""The search interface shared by every backend, the public views and analytics.

A view builds a `ServiceQuery` from a validated form and calls `search.api.search_services()`;
a backend returns `ServiceResults`. Nothing here touches the database.
"""

import datetime
import json
import uuid
from dataclasses import dataclass, field
from math import ceil

from django.urls import reverse

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
    # search.features: all these access features (keys), any of these languages (keys), no
    # referral needed, open on any of these days (1 = Monday), open evenings or weekends.
    access: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    no_referral: bool = False
    days: tuple[int, ...] = ()
    evening_weekend: bool = False
    sort: str = "relevance"  # "relevance" | "distance"
    page: int = 1
    per_page: int = PER_PAGE
    # Listings whose review was due before this day rank lower (directory.review_policy):
    # set by search.api when the search runs, so "out of date" is as of today, never as of
    # the day a listing was indexed. None: no listing is out of date.
    out_of_date_before: datetime.date | None = None

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def has_filters(self) -> bool:
        """Whether any filter narrows the results (the place and its radius aside)."""
        return bool(
            self.categories
            or self.kind
            or self.open_now
            or self.age is not None
            or self.free_only
            or self.access
            or self.languages
            or self.no_referral
            or self.days
            or self.evening_weekend
        )


@dataclass(frozen=True)
class OpeningTimes:
    """One opening session of a listing: what `directory.schedules` needs to say "open now"."""

    weekdays: tuple[int, ...] = ()
    opens_at: datetime.time | None = None
    closes_at: datetime.time | None = None
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None
    open_on_bank_holidays: bool = False

    def as_json(self) -> dict:
        return {
            "weekdays": list(self.weekdays),
            "opens_at": self.opens_at.isoformat() if self.opens_at else None,
            "closes_at": self.closes_at.isoformat() if self.closes_at else None,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "open_on_bank_holidays": self.open_on_bank_holidays,
        }

    @classmethod
    def from_json(cls, data: dict) -> "OpeningTimes":
        def parse(value, kind):
            return kind.fromisoformat(value) if value else None

        return cls(
            weekdays=tuple(data.get("weekdays") or ()),
            opens_at=parse(data.get("opens_at"), datetime.time),
            closes_at=parse(data.get("closes_at"), datetime.time),
            valid_from=parse(data.get("valid_from"), datetime.date),
            valid_to=parse(data.get("valid_to"), datetime.date),
            open_on_bank_holidays=bool(data.get("open_on_bank_holidays")),
        )


@dataclass(frozen=True)
class ListedService:
    """What a result shows about a live service, stored with its search index entry.

    Search results carry these instead of `directory.models.Service` rows, so a page of
    results costs one indexed read rather than a query per relation.
    """

    id: uuid.UUID
    name: str
    kind: str = ""
    summary: str = ""
    organisation: str = ""
    categories: tuple[str, ...] = ()  # names of the service's own categories
    schedules: tuple[OpeningTimes, ...] = ()
    is_free: bool = False
    review_due: datetime.date | None = None  # the card says "may be out of date" (search_tags)

    def get_absolute_url(self) -> str:
        return reverse("directory:service_detail", args=[self.id])

    def as_json(self) -> str:
        return json.dumps(
            {
                "name": self.name,
                "kind": self.kind,
                "summary": self.summary,
                "organisation": self.organisation,
                "categories": list(self.categories),
                "schedules": [times.as_json() for times in self.schedules],
                "is_free": self.is_free,
                "review_due": self.review_due.isoformat() if self.review_due else None,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, service_id, text: str) -> "ListedService":
        data = json.loads(text or "{}")
        return cls(
            id=service_id if isinstance(service_id, uuid.UUID) else uuid.UUID(str(service_id)),
            name=data.get("name", ""),
            kind=data.get("kind", ""),
            summary=data.get("summary", ""),
            organisation=data.get("organisation", ""),
            categories=tuple(data.get("categories") or ()),
            schedules=tuple(OpeningTimes.from_json(row) for row in data.get("schedules") or ()),
            is_free=bool(data.get("is_free")),
            review_due=(
                datetime.date.fromisoformat(data["review_due"]) if data.get("review_due") else None
            ),
        )


@dataclass
class ServiceHit:
    """One result: what the results page shows about a live service, and how near it is."""

    service: ListedService
    distance_miles: float | None = None
    score: float | None = None


@dataclass
class ServiceResults:
    hits: list[ServiceHit]
    total: int
    page: int
    per_page: int
    # Category code -> live services matching; None when the category is there but a broad
    # search at a very large directory stopped counting before the end. The other filters'
    # values are counted here too, under search.features' codes ("access:step_free",
    # "language:urdu", "no_referral", "day:mon", "evening_weekend"), which never clash with
    # category codes: the results a value would leave (for languages and days, which match
    # any one chosen, the results it would add).
    facets: dict[str, int | None] = field(default_factory=dict)
    total_exact: bool = True  # False: `total` is a lower bound ("at least 500 results")
    # "Did you mean …?": close spellings that would find listings, offered only when nothing
    # matched what was typed. Never counted in `total`; the search never runs them silently.
    suggestion: str | None = None  # the closest
    suggestions: tuple[str, ...] = ()
    # Words about the asking ("classes", "help") left out because no listing had every word
    # typed: the page says so. Every result has all the other words.
    left_out: tuple[str, ...] = ()
    backend: str = "database"
    latency_ms: float = 0.0
    event_id: int | None = None  # the SearchEvent recorded for this search (result links carry it)

    @property
    def num_pages(self) -> int:
        return max(1, ceil(self.total / self.per_page)) if self.per_page else 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1
