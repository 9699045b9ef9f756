"""Filters of the ORUK /services endpoint, as subqueries so no DISTINCT is needed."""

from django.db.models import Q, TextField
from django.db.models.functions import Cast

from directory.models import Location, Schedule, ServiceAtLocation


def filter_services(services, params: dict):
    """Apply validated ServiceParams to a Service queryset."""
    if params.get("search"):
        text = params["search"]
        services = services.filter(
            Q(name__icontains=text)
            | Q(summary__icontains=text)
            | Q(description__icontains=text)
            | Q(organisation__name__icontains=text)
        )
    if params.get("taxonomy_term_id"):
        term = params["taxonomy_term_id"]
        services = services.filter(
            pk__in=services.model.taxonomy_terms.through.objects.filter(
                Q(taxonomyterm_id=term) | Q(taxonomyterm__parent_id=term)
            ).values("service_id")
        )
    if params.get("taxonomy_id"):
        services = services.filter(
            pk__in=services.model.taxonomy_terms.through.objects.filter(
                taxonomyterm__taxonomy_id=params["taxonomy_id"]
            ).values("service_id")
        )
    if params.get("organization_id"):
        services = services.filter(organisation_id=params["organization_id"])
    if params.get("modified_after"):
        services = services.filter(modified_at__gt=params["modified_after"])
    if params.get("place"):
        place = params["place"]
        nearby = Location.objects.near(place.latitude, place.longitude, params["miles"]).values(
            "id"
        )
        services = services.filter(
            pk__in=ServiceAtLocation.objects.filter(location_id__in=nearby).values("service_id")
        )
    # Age: services that take someone aged within [minimum_age, maximum_age].
    if params.get("minimum_age") is not None:
        services = services.filter(Q(max_age__isnull=True) | Q(max_age__gte=params["minimum_age"]))
    if params.get("maximum_age") is not None:
        services = services.filter(Q(min_age__isnull=True) | Q(min_age__lte=params["maximum_age"]))
    schedules = _matching_schedules(params)
    if schedules is not None:
        services = services.filter(pk__in=schedules.values("service_id"))
    return services


def _matching_schedules(params: dict):
    """Schedules open on the day and overlapping [start_time, end_time], or None if unfiltered."""
    if not any(params.get(key) for key in ("day", "start_time", "end_time")):
        return None
    schedules = Schedule.objects.all()
    if params.get("day"):
        # weekdays is a JSON list of single digits: its text form contains the digit.
        schedules = schedules.annotate(weekdays_text=Cast("weekdays", TextField())).filter(
            weekdays_text__contains=str(params["day"])
        )
    if params.get("start_time"):
        schedules = schedules.filter(
            Q(closes_at__isnull=True) | Q(closes_at__gt=params["start_time"])
        )
    if params.get("end_time"):
        schedules = schedules.filter(Q(opens_at__isnull=True) | Q(opens_at__lt=params["end_time"]))
    return schedules
