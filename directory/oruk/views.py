"""The read-only Open Referral UK API (HSDS-UK 3.0) at /api/oruk/: JSON in, JSON out.

Only live services (and what hangs off them) are shown. Errors are JSON with a status code.
"""

from functools import wraps

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from directory.duplicates import kept_listing
from directory.models import Organisation, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from directory.oruk import paging, serialisers
from directory.oruk.openapi import openapi_document
from directory.oruk.params import (
    PageParams,
    ParameterError,
    ServiceParams,
    TaxonomyTermParams,
    parse,
    parse_id,
)
from directory.oruk.queries import filter_services


def error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"status": status, "error": message}, status=status)


def api_view(view):
    """GET/HEAD/OPTIONS only, CORS for everyone, parameter errors as 400 JSON."""

    @wraps(view)
    @csrf_exempt  # read-only: other methods get 405 from the next line, not CSRF's 403
    @require_http_methods(["GET", "HEAD", "OPTIONS"])
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = JsonResponse({})
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "Accept, Content-Type"
            response["Access-Control-Max-Age"] = "86400"
        else:
            try:
                response = view(request, *args, **kwargs)
            except ParameterError as problem:
                response = error(400, str(problem))
            except Http404 as problem:
                response = error(404, str(problem) or "Not found.")
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


def paged(queryset, params: dict, serialise, load=None) -> JsonResponse:
    """One page of `queryset`; with `load`, the page's ids are fetched first, then `load(ids)`."""
    page, per_page = params["page"], params["per_page"]
    total = queryset.count()
    start = (page - 1) * per_page
    if start >= total:
        rows = []
    elif load is None:
        rows = list(queryset[start : start + per_page])
    else:
        rows = load(list(queryset.values_list("pk", flat=True)[start : start + per_page]))
    contents = [serialise(row) for row in rows]
    return JsonResponse(
        serialisers.page_envelope(contents, total_items=total, page=page, per_page=per_page)
    )


def keyset_paged(rows, kind: str, params: dict, serialise, load=None) -> JsonResponse:
    """Like `paged`, for the long lists ordered by (name, id): a cached exact total and a seek
    from the nearest cached mark instead of COUNT and OFFSET over every row (paging.py)."""
    total, page = paging.page_of(rows, kind, params)
    if page is None:
        found = []
    elif load is None:
        found = list(page)
    else:
        found = load(list(page.values_list("pk", flat=True)))
    return JsonResponse(
        serialisers.page_envelope(
            [serialise(row) for row in found],
            total_items=total,
            page=params["page"],
            per_page=params["per_page"],
        )
    )


def get_or_404(queryset, value: str, label: str):
    pk = parse_id(value)
    found = queryset.filter(pk=pk).first() if pk else None
    if found is None:
        raise Http404(f"No {label} with id {value[:40]!r}.")
    return found


def live_organisations():
    """Organisations with a live service (EXISTS on the (organisation, live, status) index,
    no DISTINCT)."""
    return Organisation.objects.filter(
        Exists(Service.objects.live().filter(organisation=OuterRef("pk")))
    )


@api_view
def index(request):
    return JsonResponse(
        {
            "version": serialisers.VERSION,
            "profile": serialisers.PROFILE,
            "openapi_url": request.build_absolute_uri(reverse("oruk:openapi")),
        }
    )


@api_view
def openapi(request):
    return JsonResponse(openapi_document(request.build_absolute_uri(reverse("oruk:index"))))


@api_view
def service_list(request):
    params = parse(ServiceParams, request.GET)
    services = filter_services(Service.objects.live(), params)
    return keyset_paged(
        services, "services", params, serialisers.service_dict, load=serialisers.services_in_order
    )


@api_view
def service_detail(request, service_id):
    """One live service; a merged one's id answers 301 to the id it was merged into."""
    pk = parse_id(service_id)
    service = serialisers.service_queryset().filter(pk=pk).first() if pk else None
    if service is None:
        if pk and (kept := kept_listing(pk)):
            return HttpResponsePermanentRedirect(reverse("oruk:service", args=[kept.pk]))
        raise Http404(f"No service with id {service_id[:40]!r}.")
    return JsonResponse(serialisers.service_dict(service))


@api_view
def organization_list(request):
    params = parse(PageParams, request.GET)
    organisations = live_organisations()
    if params["search"]:
        organisations = organisations.filter(name__icontains=params["search"])
    return keyset_paged(organisations, "organizations", params, serialisers.organisation_dict)


@api_view
def organization_detail(request, organization_id):
    organisation = get_or_404(live_organisations(), organization_id, "organization")
    data = serialisers.organisation_dict(organisation)
    data["services"] = [
        serialisers.service_dict(service)
        for service in serialisers.service_queryset().filter(organisation=organisation)[:500]
    ]
    return JsonResponse(data)


@api_view
def taxonomy_list(request):
    params = parse(PageParams, request.GET)
    taxonomies = Taxonomy.objects.order_by("name", "id")
    if params["search"]:
        taxonomies = taxonomies.filter(name__icontains=params["search"])
    return paged(taxonomies, params, serialisers.taxonomy_dict)


@api_view
def taxonomy_detail(request, taxonomy_id):
    taxonomy = get_or_404(Taxonomy.objects.all(), taxonomy_id, "taxonomy")
    return JsonResponse(serialisers.taxonomy_dict(taxonomy, taxonomy.terms.order_by("name")))


@api_view
def taxonomy_term_list(request):
    params = parse(TaxonomyTermParams, request.GET)
    terms = TaxonomyTerm.objects.select_related("taxonomy").order_by("name", "id")
    if params["search"]:
        terms = terms.filter(name__icontains=params["search"])
    if params["taxonomy_id"]:
        terms = terms.filter(taxonomy_id=params["taxonomy_id"])
    if params["parent_id"]:
        terms = terms.filter(parent_id=params["parent_id"])
    if params["root_only"]:
        terms = terms.filter(parent__isnull=True)
    return paged(terms, params, serialisers.taxonomy_term_dict)


@api_view
def taxonomy_term_detail(request, term_id):
    term = get_or_404(TaxonomyTerm.objects.select_related("taxonomy"), term_id, "taxonomy term")
    return JsonResponse(serialisers.taxonomy_term_dict(term))


def live_service_at_locations():
    return ServiceAtLocation.objects.filter(
        service__in=serialisers.service_queryset().values("pk")
    ).select_related("location", "service", "service__organisation")


def service_at_location_dict(sal) -> dict:
    data = serialisers.service_at_location_dict(sal, sal.service_id, sal.schedules.all())
    data["service"] = serialisers.service_summary_dict(sal.service)
    return data


@api_view
def service_at_location_list(request):
    params = parse(ServiceParams, request.GET)
    services = filter_services(serialisers.service_queryset(), params)
    sals = (
        live_service_at_locations()
        .filter(service__in=services.values("pk"))
        .prefetch_related("schedules")
        .order_by("service__name", "id")
    )
    return paged(sals, params, service_at_location_dict)


@api_view
def service_at_location_detail(request, sal_id):
    sal = get_or_404(live_service_at_locations(), sal_id, "service_at_location")
    return JsonResponse(service_at_location_dict(sal))
