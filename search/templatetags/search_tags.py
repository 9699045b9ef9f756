"""Template tags for search results: the service card, the filters form and page links.

The service card is the one way a listing found by a search is shown: on the results page
(with its place in the results, opening state and shortlist button), in advice pages'
related services and on the carers' hub (name, organisation, summary, distance, categories).
"""

import hashlib
import html
import re

from django import template
from django.template.defaultfilters import floatformat
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from directory.templatetags.directory_tags import miles, opening_status, shortlist_button
from search.links import service_url_maker
from search.pagecache import cache_get, cache_set

register = template.Library()


# The card is built as an f-string, every value escaped by the standard library's
# html.escape: the same output as Django's escape() (which calls it), without format_html's
# per-argument lazy-string checks. A results page has twenty cards; building them as
# template nodes was most of the time the page spent on templates.
def _escape(value) -> str:
    return html.escape(str(value))


@register.simple_tag(takes_context=True)
def service_card(context, hit, position=None, opening=None, in_shortlist=None, origin=""):
    """One listing as an `<li class="signpost-result">` card, for a `search.query.ServiceHit`.

    `position` (1 for the first result): the link carries it, and the search's event id from
    the context (`search_event`), for the results page's click analytics; None links plainly.
    `opening`: a `directory.schedules.Opening` to show after the distance, or None.
    `in_shortlist`: True or False shows the shortlist button in that state; None leaves it out.
    With `out_of_date_before` in the context (a date), a listing whose review was due before
    it says "May be out of date".
    `origin` "check" (a Care Act check's result page): the link carries `?from=check`, so
    opening it is counted for the checks' "then opened a local listing" (directory.events).
    """
    service, distance = hit.service, hit.distance_miles
    shown_opening = opening_status(opening)
    where_when = ""
    if distance is not None:
        where_when = f"<span>{_escape(miles(distance))}</span>{' · ' if shown_opening else ''}"
    link = _escape(_service_url(context, service.id))
    if position is not None:
        link += f"?from=search&amp;pos={int(position)}"
        event = context.get("search_event")
        if event:
            link += f"&amp;search={int(event)}"
    elif origin == "check":
        link += "?from=check"
    meta = '<p class="govuk-body-s signpost-result__meta govuk-!-margin-bottom-1">'
    organisation = f"{meta}{_escape(service.organisation)}</p>" if service.organisation else ""
    categories = f"{meta}{_escape(', '.join(service.categories))}</p>" if service.categories else ""
    before, review_due = context.get("out_of_date_before"), getattr(service, "review_due", None)
    if before and review_due and review_due < before:
        categories += f"{meta}<strong>May be out of date</strong></p>"
    button = "" if in_shortlist is None else shortlist_button(context, service, in_shortlist)
    when_line = (
        f'<p class="govuk-body-s govuk-!-margin-bottom-1">{where_when}{shown_opening}</p>'
        if position is not None or where_when or shown_opening
        else ""
    )
    return mark_safe(  # noqa: S308 - every value in it went through _escape
        '<li class="signpost-result">'
        '<h3 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link"'
        f' href="{link}">{_escape(service.name)}</a></h3>{organisation}'
        f'<p class="govuk-body govuk-!-margin-bottom-1">{_escape(service.summary)}</p>'
        f"{when_line}{categories}{button}</li>"
    )


def _service_url(context, service_id) -> str:
    """The listing's URL (as service.get_absolute_url()), reversing once per page rendered."""
    make = context.render_context.get(_service_url)
    if make is None:
        make = context.render_context[_service_url] = service_url_maker()
    return make(service_id)


@register.simple_tag
def page_url(base_params, page):
    """The search URL for another page of the same results."""
    return f"?{base_params}&page={page}" if base_params else f"?page={page}"


FILTERS_TEMPLATES = ("search/includes/filters.html", "search/includes/filter_checkboxes.html")
FILTERS_TIMEOUT = 300  # seconds: the backstop for a change of translations on a deploy
# What the visitor typed is never in a cached filters panel: it is rendered with these marks
# in place of the words and the place, and each page puts its own (escaped) into a copy.
_TYPED_MARKS = {"q": "\x00q\x00", "postcode": "\x00postcode\x00"}
_MARKED = re.compile("\x00(q|postcode)\x00")
_templates_digest: list[str] = []


@register.simple_tag(takes_context=True)
def search_filters(context):
    """The results page's filters form (radius, sort, open now, cost, categories, type, age,
    and search.features' access, languages, referral, days and evenings).

    Takes the search view's context; works out what each control shows and has chosen. The
    panel is the same for every search with the same choices, counts and category names, so
    it is kept in the cache (search.pagecache) under a digest of exactly those (and of the
    templates, the language and the script prefix): a change to any of them is another key,
    so nothing stale is ever shown. The words and place typed go in afterwards; a search with
    an age is not cached (the age is what a person typed about someone).
    """
    values = _filters_values(context)
    template = get_template(FILTERS_TEMPLATES[0])
    if str(values["age_value"]) or values["age_errors"]:
        return template.render(values)
    key = _filters_key(values)
    html = cache_get(key)
    if html is None:
        html = template.render({**values, **_TYPED_MARKS})
        cache_set(key, html, FILTERS_TIMEOUT)
    typed = {name: conditional_escape(values[name]) for name in _TYPED_MARKS}
    return mark_safe(_MARKED.sub(lambda found: typed[found.group(1)], html))  # noqa: S308


def _filters_key(values) -> str:
    """The cache key for a filters panel: a digest of everything it shows but the typed words."""
    query, options = values["query"], values["options"]

    def choices(found):
        if not found:
            return found
        if isinstance(found, dict):
            found = [found]
        return [(c["value"], str(c["label"]), c["count"], c["checked"]) for c in found]

    shown = (
        _digest_templates(),
        get_language(),
        get_script_prefix(),
        values["place"] is not None and bool(values["place"]),
        [(o["value"], o["is_one"], o["selected"]) for o in values["radius_options"]],
        query.sort,
        query.open_now,
        query.free_only,
        query.kind,
        [(f["term"].code, f["term"].name, f["count"], f["checked"]) for f in values["facets"]],
        [(k["value"], str(k["label"]), k["checked"]) for k in values["kinds"]],
        sorted((name, repr(choices(found))) for name, found in options.items()),
        values["chosen_count"],
    )
    return "search:filters:" + hashlib.sha256(repr(shown).encode()).hexdigest()


def _digest_templates() -> str:
    """A digest of the filters' templates' source, so a deploy that changes them changes keys."""
    if not _templates_digest:
        sources = "".join(get_template(name).template.source for name in FILTERS_TEMPLATES)
        _templates_digest.append(hashlib.sha256(sources.encode()).hexdigest()[:16])
    return _templates_digest[0]


def _filters_values(context) -> dict:
    """The filters template's values, from the search view's context."""
    query, form = context["query"], context["form"]
    age_errors = form.errors.get("age") or []
    return {
        "q": context.get("q") or "",
        "postcode": context.get("postcode") or "",
        "place": context.get("place"),
        "query": query,
        "radius_options": [
            {
                "value": floatformat(option, "-1"),
                "is_one": option == 1,
                "selected": option == query.radius_miles,
            }
            for option in context["radius_options"]
        ],
        "facets": [
            {**facet, "checked": facet["term"].code in query.categories}
            for facet in context.get("facets") or []
        ],
        "kinds": [
            {"value": value, "label": label, "checked": query.kind == value}
            for value, label in context["kinds"]
        ],
        "options": context.get("filter_options") or {},
        "age_errors": age_errors,
        "chosen_count": len(context.get("chosen_filters") or ()),
        "age_value": query.age if query.age is not None else str(form.data.get("age") or "")[:5],
    }
