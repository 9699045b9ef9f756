"""Public directory pages: search, service detail and the shortlist."""

from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from advice.location import remember_search_place
from advice.search import search_advice
from directory import services as directory_services
from directory.events import service_opened
from directory.forms import MAX_RADIUS_MILES, ServiceSearchForm, ShortlistForm
from directory.models import Service, TaxonomyTerm
from directory.shortlist import (
    add_to_shortlist,
    remove_from_shortlist,
    shortlist_ids,
    shortlisted_services,
)


@require_GET
def service_search(request):
    categories = list(TaxonomyTerm.objects.categories().select_related("parent"))
    form = ServiceSearchForm(request.GET, categories=categories)
    form.is_valid()  # errors are shown; the search still runs with the valid parts
    query = form.to_query()
    results = directory_services.run_service_search(query, request=request, place=form.place)
    advice_results = search_advice(query.text) if query.text and results.page == 1 else []
    # A count of None: a broad search stopped counting (search.query.ServiceResults).
    facets = [
        {"term": term, "count": results.facets.get(term.code, 0)}
        for term in categories
        if term.code in results.facets or term.code in query.categories
    ]
    saved = set(shortlist_ids(request.session))
    rows = [
        {
            "hit": hit,
            "opening": directory_services.describe_opening(hit.service.schedules),
            "in_shortlist": str(hit.service.id) in saved,
        }
        for hit in results.hits
    ]
    selected = [term for term in categories if term.code in query.categories]
    related = directory_services.related_categories(selected, categories)
    params = request.GET.copy()
    params.pop("page", None)
    wider = params.copy()
    wider["radius"] = f"{min(query.radius_miles * 2, MAX_RADIUS_MILES):g}"
    response = render(
        request,
        "directory/service_search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "rows": rows,
            "facets": facets,
            "place": form.place,
            "q": query.text,
            "postcode": (request.GET.get("postcode") or "")[:100],
            "kinds": Service.Kind.choices,
            "wider_radius": wider["radius"],
            "wider_radius_url": "?" + wider.urlencode()
            if query.has_point and query.radius_miles < MAX_RADIUS_MILES
            else None,
            "radius_options": sorted({1.0, 3.0, 5.0, 10.0, 20.0, 50.0, query.radius_miles}),
            "related_categories": related,
            "base_params": params.urlencode(),
            "first_position": (results.page - 1) * results.per_page,
            "search_event": results.event_id,
            "advice_results": advice_results,
        },
    )
    if form.place:
        remember_search_place(request, response, form.place)  # advice and carers' pages use it
    return response


def _small_number(text: str, digits: int = 18) -> int | None:
    """A whole number from a link's parameter, or None for anything else (never an error)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= digits else None


@require_GET
def service_detail(request, service_id):
    service = directory_services.live_service_for_detail(service_id)
    if service is None:
        raise Http404("No such service")
    if request.GET.get("from") == "search":
        service_opened.send(
            Service,
            request=request,
            service=service,
            position=_small_number(request.GET.get("pos", "")),
            event_id=_small_number(request.GET.get("search", "")),
        )
    return render(
        request,
        "directory/service_detail.html",
        {
            "service": service,
            "opening": directory_services.describe_opening(service.schedules.all()),
            "locations": [sal.location for sal in service.service_at_locations.all()],
            "json_ld": directory_services.service_json_ld(
                service, request.build_absolute_uri(service.get_absolute_url())
            ),
            "in_shortlist": str(service.id) in shortlist_ids(request.session),
            "print_view": request.GET.get("print") == "1",
        },
    )


@require_GET
def shortlist(request):
    return render(
        request,
        "directory/shortlist.html",
        {"services": shortlisted_services(request.session)},
    )


@require_POST
def shortlist_add(request):
    return _change_shortlist(request, add_to_shortlist)


@require_POST
def shortlist_remove(request):
    return _change_shortlist(request, remove_from_shortlist)


def _change_shortlist(request, change):
    form = ShortlistForm(request.POST)
    wants_json = "application/json" in request.headers.get("Accept", "")
    if not form.is_valid():
        if wants_json:
            return JsonResponse({"error": "That service is no longer listed."}, status=400)
        return redirect(form.safe_next(request, reverse("directory:shortlist")))
    ids = change(request.session, form.cleaned_data["service"])
    if wants_json:
        in_list = str(form.cleaned_data["service"]) in ids
        return JsonResponse({"count": len(ids), "in_shortlist": in_list})
    return redirect(form.safe_next(request, reverse("directory:shortlist")))
