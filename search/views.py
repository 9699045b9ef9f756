"""The public search page (/services/) and the JSON autocomplete its search box uses."""

from dataclasses import replace

from django.http import JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from directory.last_search import remember_search
from directory.models import Service
from directory.remembered_place import remember_search_place
from directory.review_policy import out_of_date_before
from directory.schedules import describe_opening
from directory.shortlist import shortlist_ids
from portal import ratelimit, sections
from search.api import suggest
from search.categories import public_categories
from search.events import announce_missing
from search.features import (
    ACCESS_FEATURES,
    ACCESS_LABELS,
    DAY_KEYS,
    DAY_LABELS,
    DAYS,
    EVENING_WEEKEND_CODE,
    EVENING_WEEKEND_LABEL,
    NO_REFERRAL_CODE,
    NO_REFERRAL_LABEL,
    access_code,
    day_code,
    language_code,
    language_key,
    language_label,
)
from search.forms import MAX_RADIUS_MILES, MissingNeedForm, ServiceSearchForm
from search.query import DEFAULT_RADIUS_MILES
from search.results_map import results_map
from search.services import categories_for_text, related_categories, run_service_search
from search.text import respellings

MAX_PREFIX_CHARS = 100


@require_GET
def service_search(request):
    """`/services/?q=…&postcode=…&category=…`: listings, facets and other sections' hits."""
    categories = public_categories()  # cached: the same for everyone (search.categories)
    form = ServiceSearchForm(request.GET, categories=categories)
    form.is_valid()  # errors are shown; the search still runs with the valid parts
    # The review policy's cut-off, looked up once for the search's ranking and the cards.
    stale_before = out_of_date_before(site=getattr(request, "_wagtail_site", None))
    query = replace(form.to_query(), out_of_date_before=stale_before)
    results = run_service_search(query, request=request, place=form.place)
    selected = [term for term in categories if term.code in query.categories]
    params = request.GET.copy()
    params.pop("page", None)
    response = render(
        request,
        "search/service_search.html",
        {
            "form": form,
            "query": query,
            "results": results,
            "rows": _result_rows(request, results),
            "results_map": results_map(results, query),
            "facets": _facets(categories, results, query),
            "filter_options": _filter_options(results, query),
            "place": form.place,
            "q": query.text,
            "postcode": (request.GET.get("postcode") or "")[:100],
            "place_choices": _place_choices(params, form.place_choices),
            "kinds": Service.Kind.choices,
            **_wider_search(params, query),
            "radius_options": sorted({1.0, 3.0, 5.0, 10.0, 20.0, 50.0, query.radius_miles}),
            "related_categories": _related(selected, categories, query, results),
            "did_you_mean": _did_you_mean(params, results),
            "respelt": respellings(query.text) if results.total else [],
            "base_params": params.urlencode(),
            "first_position": (results.page - 1) * results.per_page,
            "out_of_date_before": stale_before,
            "search_event": results.event_id,
            "section_results": _section_results(query, results),
            **_chosen_filters(params, query, selected, form.place),
        },
    )
    if form.place:
        remember_search_place(request, response, form.place)  # advice and carers' pages use it
    remember_search(request, response)  # for "Back to results" on the listings
    return response


def _chosen_filters(params, query, selected, place) -> dict:
    """Each filter in use as a removable tag (the same search without it), and "Clear filters"
    (the same words and place, no filters), shown above the results."""
    page_url = reverse("search:service_search")

    def without(name, value=None, spelling=str) -> str:
        """The page without parameter `name` (or only its `value`, in any `spelling`)."""
        changed = params.copy()
        if value is None:
            changed.pop(name, None)
        else:
            kept = [given for given in changed.getlist(name) if spelling(given) != value]
            changed.setlist(name, kept)
        encoded = changed.urlencode()
        return f"{page_url}?{encoded}" if encoded else page_url

    chosen = [{"label": term.name, "url": without("category", term.code)} for term in selected]
    if query.kind:
        chosen.append({"label": Service.Kind(query.kind).label, "url": without("kind")})
    if query.open_now:
        chosen.append({"label": _("Open now"), "url": without("open_now")})
    if query.free_only:
        chosen.append({"label": _("Free to use"), "url": without("cost")})
    if query.age is not None:
        label = _("Age %(age)s") % {"age": query.age}
        chosen.append({"label": label, "url": without("age")})
    chosen += [{"label": ACCESS_LABELS[key], "url": without("access", key)} for key in query.access]
    chosen += [
        {
            "label": _("Language: %(language)s") % {"language": language_label(key)},
            "url": without("language", key, language_key),
        }
        for key in query.languages
    ]
    if query.no_referral:
        chosen.append({"label": NO_REFERRAL_LABEL, "url": without("no_referral")})
    chosen += [
        {
            "label": _("Open on %(day)s") % {"day": DAY_LABELS[day]},
            "url": without("day", DAY_KEYS[day]),
        }
        for day in query.days
    ]
    if query.evening_weekend:
        chosen.append({"label": EVENING_WEEKEND_LABEL, "url": without("evening_weekend")})
    if place and query.radius_miles != DEFAULT_RADIUS_MILES:
        miles = floatformat(query.radius_miles, "-1")
        label = _("Within 1 mile") if query.radius_miles == 1 else _("Within %(miles)s miles")
        chosen.append({"label": label % {"miles": miles}, "url": without("radius")})
    kept = {name: params[name] for name in ("q", "postcode") if params.get(name)}
    return {
        "chosen_filters": chosen,
        "clear_filters_url": f"{page_url}?{urlencode(kept)}" if kept else page_url,
    }


def _related(selected, categories, query, results) -> list:
    """Categories to offer when nothing matched: next to those chosen, then those the words
    point to."""
    if results.total:
        return []
    found = related_categories(selected, categories)
    for text in (query.text, *results.suggestions) if query.text else ():
        found += [term for term in categories_for_text(text, categories) if term not in found]
    return [term for term in found if term not in selected][:6]


def _search_with(params, name: str, value: str) -> str:
    """The same search (`params`, already without its page) with one parameter changed."""
    changed = params.copy()
    changed[name] = value
    return "?" + changed.urlencode()


def _did_you_mean(params, results) -> list[dict]:
    """Links that run each "did you mean" spelling (same place and filters), when nothing matched."""
    suggestions = results.suggestions if not results.total else ()
    return [{"text": text, "url": _search_with(params, "q", text)} for text in suggestions]


def _result_rows(request, results) -> list[dict]:
    """The cards to show: each hit, its opening state and whether it is on the shortlist."""
    saved = set(shortlist_ids(request))
    return [
        {
            "hit": hit,
            "opening": describe_opening(hit.service.schedules),
            "in_shortlist": str(hit.service.id) in saved,
        }
        for hit in results.hits
    ]


def _facets(categories, results, query) -> list[dict]:
    """Categories with their counts (None: a broad search stopped counting, ServiceResults)."""
    return [
        {"term": term, "count": results.facets.get(term.code, 0)}
        for term in categories
        if term.code in results.facets or term.code in query.categories
    ]


def _filter_options(results, query) -> dict:
    """The access, language, referral and opening filters' choices, each with its count
    (None: a broad search stopped counting) and whether it is chosen."""
    facets = results.facets

    def option(key, label, code, checked) -> dict:
        return {"value": key, "label": label, "count": facets.get(code, 0), "checked": checked}

    prefix = language_code("")
    languages = {code.removeprefix(prefix) for code in facets if code.startswith(prefix)}
    languages.update(query.languages)
    return {
        "access": [
            option(f.key, f.label, access_code(f.key), f.key in query.access)
            for f in ACCESS_FEATURES
        ],
        "languages": sorted(
            (
                option(key, language_label(key), language_code(key), key in query.languages)
                for key in languages
            ),
            key=lambda choice: choice["label"],
        ),
        "no_referral": option("1", NO_REFERRAL_LABEL, NO_REFERRAL_CODE, query.no_referral),
        "days": [
            option(key, label, day_code(number), number in query.days)
            for key, number, label in DAYS
        ],
        "evening_weekend": option(
            "1", EVENING_WEEKEND_LABEL, EVENING_WEEKEND_CODE, query.evening_weekend
        ),
    }


def _place_choices(params, names: list[str]) -> list[dict]:
    """Links that run the same search with each place a typed name could mean."""
    return [{"name": name, "url": _search_with(params, "postcode", name)} for name in names]


def _wider_search(params, query) -> dict:
    """The "search within twice the distance" way forward, when there is a wider radius left."""
    radius = f"{min(query.radius_miles * 2, MAX_RADIUS_MILES):g}"
    return {
        "wider_radius": radius,
        "wider_radius_url": _search_with(params, "radius", radius)
        if query.has_point and query.radius_miles < MAX_RADIUS_MILES
        else None,
    }


def _section_results(query, results) -> list[dict]:
    """Other sections' hits for the words searched (portal.sections), on the first page only."""
    if not query.text or results.page != 1:
        return []
    found = []
    for section in sections.registered():
        hits = section.search(query.text)
        if hits:
            found.append({"section": section, "hits": hits})
    return found


@require_GET
def suggest_view(request):
    """`/services/suggest?q=dem` -> {"query": "dem", "suggestions": ["Memory problems and dementia", …]}."""
    prefix = request.GET.get("q", "")[:MAX_PREFIX_CHARS]
    response = JsonResponse({"query": prefix, "suggestions": suggest(prefix)})
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_http_methods(["GET", "POST"])
def missing_view(request):
    """`/services/missing/`: "tell us what was missing", counted with the unmet need.

    The link from "No results" carries the search's event id (`?search=`), never the words;
    what was looked for is typed here and sent by POST. Nothing about the person is asked
    for or kept.
    """
    if request.method == "POST":
        form = MissingNeedForm(request.POST)
        if form.is_valid():
            if not ratelimit.hit(request, "missing", "SUGGESTION_RATE_LIMIT"):
                context = {"form": form, "limited": True}
                return render(request, "search/missing.html", context, status=429)
            announce_missing(request, form.cleaned_data["need"], form.cleaned_data["search"])
            return render(request, "search/missing_done.html")
    else:
        search = request.GET.get("search", "")
        form = MissingNeedForm(initial={"search": search} if search.isdigit() else {})
    return render(request, "search/missing.html", {"form": form})
