"""Directory operations used by the views and commands: searching, describing and reviewing listings."""

import datetime
import json
from dataclasses import dataclass, replace

from django.db.models import Prefetch
from django.utils import timezone

from directory import schedules as schedule_rules
from directory.models import Phone, Service, ServiceAtLocation
from search.api import search_services
from search.query import ServiceQuery, ServiceResults


def run_service_search(query: ServiceQuery, *, request=None, place=None) -> ServiceResults:
    """Search, then clamp an out-of-range page to the last page (page=9999 shows the last page).

    The search backends apply the filters; the database backend checks "open now" against the
    weekly opening rows in its index (search/openings.py), by the rules in `schedules`.
    """
    results = search_services(query, request=request, place=place)
    if results.total and query.page > results.num_pages:
        results = search_services(replace(query, page=results.num_pages), request=None, place=place)
    return results


def related_categories(selected, categories, limit: int = 6) -> list:
    """Categories next to the chosen ones in the vocabulary: their parent, children and siblings."""

    def is_related(term, chosen):
        if term.parent_id == chosen.id:
            return True
        return chosen.parent_id is not None and chosen.parent_id in (term.id, term.parent_id)

    return [
        term
        for term in categories
        if term not in selected and any(is_related(term, chosen) for chosen in selected)
    ][:limit]


def live_service_for_detail(service_id):
    """The live service with everything the detail page shows, in a fixed number of queries."""
    return (
        Service.objects.live()
        .select_related("organisation")
        .prefetch_related(
            "taxonomy_terms",
            Prefetch(
                "service_at_locations",
                queryset=ServiceAtLocation.objects.select_related("location").order_by(
                    "sort_order"
                ),
            ),
            "schedules",
            Prefetch("phones", queryset=Phone.objects.filter(is_public=True)),
            "contacts",
            "cost_options",
        )
        .filter(id=service_id)
        .first()
    )


@dataclass(frozen=True)
class Opening:
    """Whether a service is open at a moment, until when, or when it next opens."""

    is_open: bool
    closes_at: datetime.datetime | None = None
    next_opens_at: datetime.datetime | None = None
    has_times: bool = False


def describe_opening(schedules, when: datetime.datetime | None = None) -> Opening:
    """Open-now state from a service's opening times (Schedule rows or search OpeningTimes)."""
    rows = list(schedules)
    if not any(row.opens_at for row in rows):
        return Opening(is_open=False)
    session = schedule_rules.current_session(rows, when)
    if session:
        return Opening(is_open=True, closes_at=session.closes, has_times=True)
    return Opening(
        is_open=False, next_opens_at=schedule_rules.next_opening(rows, when), has_times=True
    )


SCHEMA_DAYS = {
    1: "Monday",
    2: "Tuesday",
    3: "Wednesday",
    4: "Thursday",
    5: "Friday",
    6: "Saturday",
    7: "Sunday",
}


def service_json_ld(service, absolute_url: str) -> str:
    """schema.org JSON-LD for a service page, safe to put inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": service.name,
        "description": service.summary,
        "url": absolute_url,
        "areaServed": {"@type": "City", "name": "Sheffield"},
        "isAccessibleForFree": service.is_free,
    }
    if service.organisation:
        provider = {"@type": "Organization", "name": service.organisation.name}
        if service.organisation.url:
            provider["url"] = service.organisation.url
        data["provider"] = provider
    terms = [term.name for term in service.taxonomy_terms.all()]
    if terms:
        data["serviceType"] = terms
    places = []
    for service_at_location in service.service_at_locations.all():
        location = service_at_location.location
        place = {
            "@type": "Place",
            "name": location.name or location.address_1,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": ", ".join(
                    p for p in (location.address_1, location.address_2) if p
                ),
                "addressLocality": location.city,
                "postalCode": location.postcode,
                "addressCountry": "GB",
            },
        }
        if location.latitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": location.latitude,
                "longitude": location.longitude,
            }
        places.append(place)
    channel = {"@type": "ServiceChannel"}
    phones = list(service.phones.all())
    if phones:
        channel["servicePhone"] = {"@type": "ContactPoint", "telephone": phones[0].number}
    if places:
        channel["serviceLocation"] = places[0]
    if len(channel) > 1:
        data["availableChannel"] = channel
    hours = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [SCHEMA_DAYS[day] for day in row.weekdays if day in SCHEMA_DAYS],
            "opens": row.opens_at.strftime("%H:%M"),
            "closes": row.closes_at.strftime("%H:%M") if row.closes_at else "23:59",
        }
        for row in service.schedules.all()
        if row.opens_at and row.weekdays
    ]
    if hours:
        data["hoursAvailable"] = hours
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def mark_reviewed(service: Service, on: datetime.date | None = None) -> Service:
    """Record that a coordinator checked the listing today; the next review is due in a year."""
    from directory.models.services import REVIEW_INTERVAL

    on = on or timezone.localdate()
    Service.objects.filter(pk=service.pk).update(last_reviewed=on, review_due=on + REVIEW_INTERVAL)
    service.last_reviewed, service.review_due = on, on + REVIEW_INTERVAL
    return service
