"""Our models -> HSDS-UK 3.0 JSON, shared by the API and `export_oruk`.

Empty optional values are left out rather than sent as "" or null, because the schemas
type them as strings with formats (uri, email, uuid). Only public contacts and phones are
ever serialised: the querysets in `service_queryset()` filter them, and `service_dict()`
checks again.
"""

from django.db.models import Prefetch

from directory.models import (
    Area,
    Contact,
    CostOption,
    Organisation,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory.oruk.mapping import ACCESSIBILITY_FEATURES, byday_from_weekdays, derived_uuid

VERSION = "HSDS-UK-3.0"
PROFILE = "https://openreferraluk.org/"


def _compact(data: dict) -> dict:
    """Drop None, "" and empty lists (keeping False and 0)."""
    return {k: v for k, v in data.items() if v is not None and v != "" and v != []}


def service_queryset():
    """Live services with everything `service_dict` reads, in a constant number of queries.

    Prefetches land in plain lists (`oruk_*` attributes): going through modelcluster's
    child-relation managers costs more than the queries themselves on a page of 50.
    """
    return with_related(Service.objects.live())


def services_in_order(ids: list) -> list[Service]:
    """The services with these ids (already known to be live), in that order, with related rows.

    Fetching by primary key alone lets the database use the key index instead of a plan
    built around the `live`/`status` filters.
    """
    found = {service.pk: service for service in with_related(Service.objects.filter(pk__in=ids))}
    return [found[pk] for pk in ids if pk in found]


def with_related(services):
    """Add the select/prefetch of everything `service_dict` reads to a Service queryset."""

    def into_list(name, queryset):
        return Prefetch(name, queryset=queryset, to_attr=f"oruk_{name}")

    return services.select_related("organisation").prefetch_related(
        into_list(
            "service_at_locations",
            ServiceAtLocation.objects.select_related("location").order_by("sort_order"),
        ),
        into_list("schedules", Schedule.objects.order_by("sort_order")),
        into_list("contacts", Contact.objects.filter(is_public=True).order_by("sort_order")),
        into_list("phones", Phone.objects.filter(is_public=True).order_by("sort_order")),
        into_list("cost_options", CostOption.objects.order_by("sort_order")),
        into_list("taxonomy_terms", TaxonomyTerm.objects.select_related("taxonomy")),
        into_list("service_areas", Area.objects.all()),
    )


def _related(service: Service, name: str) -> list:
    """The prefetched list if there is one, else the relation's rows."""
    prefetched = getattr(service, f"oruk_{name}", None)
    return prefetched if prefetched is not None else list(getattr(service, name).all())


def organisation_dict(organisation: Organisation) -> dict:
    return {
        "id": str(organisation.pk),
        "name": organisation.name,
        "description": organisation.description or "",
        **_compact(
            {
                "email": organisation.email,
                "website": organisation.url,
                "logo": organisation.logo_url,
                "uri": organisation.uri,
            }
        ),
    }


def taxonomy_dict(taxonomy: Taxonomy, terms=None) -> dict:
    data = {
        "id": str(taxonomy.pk),
        "name": taxonomy.name,
        "description": taxonomy.description or "",
        **_compact({"uri": taxonomy.uri, "version": taxonomy.version}),
    }
    if terms is not None:
        data["taxonomy_terms"] = [taxonomy_term_dict(term, taxonomy) for term in terms]
    return data


def taxonomy_term_dict(term: TaxonomyTerm, taxonomy: Taxonomy | None = None) -> dict:
    taxonomy = taxonomy or term.taxonomy
    return {
        "id": str(term.pk),
        "name": term.name,
        "description": term.description or "",
        **_compact(
            {
                "code": term.code,
                "parent_id": str(term.parent_id) if term.parent_id else None,
                "taxonomy": taxonomy.name,
                "taxonomy_id": str(taxonomy.pk),
                "term_uri": term.term_uri,
            }
        ),
    }


def location_dict(location) -> dict:
    accessibility = [
        {"id": str(derived_uuid(location.pk, key)), "description": label}
        for key, label in ACCESSIBILITY_FEATURES.items()
        if getattr(location, key)
    ]
    if location.accessibility_notes:
        accessibility.append(
            {
                "id": str(derived_uuid(location.pk, "accessibility_notes")),
                "description": location.accessibility_notes,
            }
        )
    addresses = []
    if location.address_1 or location.postcode or location.city:
        addresses.append(
            {
                "id": str(derived_uuid(location.pk, "address")),
                "location_id": str(location.pk),
                "address_1": location.address_1,
                **_compact({"address_2": location.address_2}),
                "city": location.city,
                "state_province": "",
                "postal_code": location.postcode,
                "country": "GB",
                "address_type": "physical",
            }
        )
    return _compact(
        {
            "id": str(location.pk),
            "location_type": "physical",
            "name": location.name,
            "description": location.description,
            "latitude": location.latitude,
            "longitude": location.longitude,
            "addresses": addresses,
            "accessibility": accessibility,
        }
    )


def schedule_dict(schedule, service_id) -> dict:
    return _compact(
        {
            "id": str(schedule.pk),
            "service_id": str(service_id),
            "service_at_location_id": str(schedule.service_at_location_id)
            if schedule.service_at_location_id
            else None,
            "valid_from": schedule.valid_from.isoformat() if schedule.valid_from else None,
            "valid_to": schedule.valid_to.isoformat() if schedule.valid_to else None,
            "freq": "WEEKLY" if schedule.weekdays else None,
            "interval": 1 if schedule.weekdays else None,
            "byday": byday_from_weekdays(schedule.weekdays),
            "opens_at": schedule.opens_at.strftime("%H:%M:%S") if schedule.opens_at else None,
            "closes_at": schedule.closes_at.strftime("%H:%M:%S") if schedule.closes_at else None,
            "description": schedule.description,
        }
    )


def service_at_location_dict(sal, service_id, schedules=()) -> dict:
    return _compact(
        {
            "id": str(sal.pk),
            "service_id": str(service_id),
            "location_id": str(sal.location_id),
            "description": sal.description,
            "location": location_dict(sal.location),
            "schedules": [schedule_dict(s, service_id) for s in schedules],
        }
    )


def service_dict(service: Service) -> dict:
    """A full HSDS-UK service. Expects `service_queryset()` prefetches (or will query)."""
    schedules = list(_related(service, "schedules"))
    fees = service.fees_description or ("Free" if service.is_free else "")
    data = {
        "id": str(service.pk),
        "name": service.name,
        "status": service.status,
        **_compact(
            {
                "organization_id": str(service.organisation_id)
                if service.organisation_id
                else None,
                "description": service.description,
                "summary": service.summary,
                "url": service.url,
                "email": service.email,
                "fees": fees,
                "minimum_age": service.min_age,
                "maximum_age": service.max_age,
                "eligibility_description": service.eligibility,
                "application_process": service.get_how_to_access_display(),
                "assured_date": service.last_reviewed.isoformat()
                if service.last_reviewed
                else None,
            }
        ),
        "last_modified": service.modified_at.isoformat(),
    }
    if service.organisation_id:
        data["organization"] = organisation_dict(service.organisation)
    data["service_at_locations"] = [
        service_at_location_dict(sal, service.pk)
        for sal in _related(service, "service_at_locations")
    ]
    data["schedules"] = [schedule_dict(s, service.pk) for s in schedules]
    data["contacts"] = [
        _compact(
            {
                "id": str(contact.pk),
                "service_id": str(service.pk),
                "name": contact.name,
                "title": contact.title,
                "email": contact.email,
                "phones": [{"id": str(derived_uuid(contact.pk, "phone")), "number": contact.phone}]
                if contact.phone
                else [],
            }
        )
        for contact in _related(service, "contacts")
        if contact.is_public
    ]
    data["phones"] = [
        _compact(
            {
                "id": str(phone.pk),
                "service_id": str(service.pk),
                "number": phone.number,
                "description": phone.description,
            }
        )
        for phone in _related(service, "phones")
        if phone.is_public
    ]
    data["cost_options"] = [
        _compact(
            {
                "id": str(cost.pk),
                "service_id": str(service.pk),
                "option": cost.option,
                "amount": float(cost.amount) if cost.amount is not None else None,
                "currency": cost.currency,
                "amount_description": cost.amount_description,
            }
        )
        for cost in _related(service, "cost_options")
    ]
    data["languages"] = [
        {"id": str(derived_uuid(service.pk, "language", name)), "name": name}
        for name in service.languages or []
    ]
    data["service_areas"] = [
        {
            "id": str(area.pk),
            "service_id": str(service.pk),
            "name": area.name,
            "service_area": area.name,
        }
        for area in _related(service, "service_areas")
    ]
    data["attributes"] = [
        {
            "id": str(derived_uuid(service.pk, "attribute", term.pk)),
            "link_id": str(service.pk),
            "link_type": "service",
            "taxonomy_term_id": str(term.pk),
            "taxonomy_term": taxonomy_term_dict(term),
        }
        for term in _related(service, "taxonomy_terms")
    ]
    return data


def service_summary_dict(service: Service) -> dict:
    """The few fields used when a service is nested inside another record."""
    return _compact(
        {
            "id": str(service.pk),
            "name": service.name,
            "status": service.status,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "organization_id": str(service.organisation_id) if service.organisation_id else None,
        }
    )


def page_envelope(contents: list, *, total_items: int, page: int, per_page: int) -> dict:
    total_pages = (total_items + per_page - 1) // per_page
    return {
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }
