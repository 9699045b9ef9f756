"""Directory operations used by the views and commands: describing, reviewing and finding listings."""

import datetime
import json

from django.db.models import Prefetch
from django.utils import timezone

from directory.models import Contact, Phone, Service, ServiceAtLocation
from directory.models.services import REVIEW_INTERVAL
from directory.vocabulary import WEEKDAYS


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
            Prefetch("contacts", queryset=Contact.objects.filter(is_public=True)),
            "cost_options",
        )
        .filter(id=service_id)
        .first()
    )


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
            "dayOfWeek": [
                WEEKDAYS[day] for day in row.weekdays if day in WEEKDAYS
            ],  # schema.org names
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
    """Record that the listing was checked on `on` (today); the next review is due in a year.

    Saved with `update_fields` (not a queryset update) so the search index, which ranks
    out-of-date listings lower, hears of it. A live listing leaves the "needs checking"
    queue; one already taken down stays in it until a coordinator publishes it again.
    """
    on = on or timezone.localdate()
    service.last_reviewed, service.review_due = on, on + REVIEW_INTERVAL
    fields = ["last_reviewed", "review_due"]
    if service.live and service.needs_checking_since is not None:
        service.needs_checking_since = None
        fields.append("needs_checking_since")
    service.save(update_fields=fields)
    return service
