"""Template tags for search results: the service card, the filters form and page links.

The service card is the one way a listing found by a search is shown: on the results page
(with its place in the results, opening state and shortlist button), in advice pages'
related services and on the carers' hub (name, organisation, summary, distance, categories).
"""

import html

from django import template
from django.template.defaultfilters import floatformat
from django.utils.safestring import mark_safe

from directory.templatetags.directory_tags import miles, opening_status, shortlist_button

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
    link = _escape(service.get_absolute_url())
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


@register.simple_tag
def page_url(base_params, page):
    """The search URL for another page of the same results."""
    return f"?{base_params}&page={page}" if base_params else f"?page={page}"


@register.inclusion_tag("search/includes/filters.html", takes_context=True)
def search_filters(context):
    """The results page's filters form (radius, sort, open now, cost, categories, type, age,
    and search.features' access, languages, referral, days and evenings).

    Takes the search view's context; works out what each control shows and has chosen.
    """
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
