"""Small display helpers for directory templates."""

import html

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from directory.vocabulary import WEEKDAYS

register = template.Library()

WEEKDAY_NAMES = WEEKDAYS


@register.filter
def miles(distance):
    """0.8 -> "0.8 miles", 1.0 -> "1 mile", 0.02 -> "less than 0.1 miles"."""
    if distance is None:
        return ""
    if distance < 0.1:
        return _("less than 0.1 miles")
    rounded = round(distance, 1) if distance < 10 else round(distance)
    shown = f"{rounded:g}"
    return ngettext("%(n)s mile", "%(n)s miles", 1 if rounded == 1 else 2) % {"n": shown}


@register.filter
def clock(value):
    """A time as GOV.UK style: 9am, 5:30pm, midday, midnight."""
    if value is None:
        return ""
    if value.hour == 12 and value.minute == 0:
        return _("midday")
    if value.hour == 0 and value.minute == 0:
        return _("midnight")
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


@register.filter
def weekday_names(weekdays):
    """[1, 2, 3, 4, 5] -> "Monday to Friday"; [2, 4] -> "Tuesday and Thursday"."""
    days = sorted({day for day in weekdays or [] if day in WEEKDAY_NAMES})
    if not days:
        return ""
    if len(days) == 7:
        return _("Every day")
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return _("%(first)s to %(last)s") % {
            "first": WEEKDAY_NAMES[days[0]],
            "last": WEEKDAY_NAMES[days[-1]],
        }
    names = [WEEKDAY_NAMES[day] for day in days]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + _(" and ") + names[-1]


@register.simple_tag
def page_url(base_params, page):
    """The search URL for another page of the same results."""
    return f"?{base_params}&page={page}" if base_params else f"?page={page}"


@register.filter
def day_label(value):
    """An aware datetime as "today", "tomorrow" or the weekday name, in the council's timezone."""
    from directory.schedules import to_local

    if value is None:
        return ""
    local = to_local(value)
    today = to_local(None).date()
    if local.date() == today:
        return _("today")
    if (local.date() - today).days == 1:
        return _("tomorrow")
    return WEEKDAY_NAMES[local.isoweekday()]


@register.filter
def sanitised(markup):
    """Description HTML through the allow-list sanitiser (stored HTML is sanitised too)."""
    from django.utils.safestring import mark_safe

    from directory.sanitise import sanitise_html

    return mark_safe(sanitise_html(markup or ""))  # noqa: S308 - nh3 allow-list output


def _shortlist_form_parts(context) -> dict:
    """What every shortlist form on a page shares, worked out once a page.

    One CSRF token for all of them (a fresh mask per form costs time), the two URLs and labels.
    """
    from django.middleware.csrf import get_token
    from django.urls import reverse

    cache = context.render_context
    if "signpost_shortlist_form" not in cache:
        request = context.get("request")
        cache["signpost_shortlist_form"] = {
            "add": reverse("directory:shortlist_add"),
            "remove": reverse("directory:shortlist_remove"),
            "token": get_token(request) if request is not None else "",
            "next": request.get_full_path() if request is not None else "",
            "label_add": _("Add to shortlist"),
            "label_remove": _("Remove from shortlist"),
            "status": _("On your shortlist"),
        }
    return cache["signpost_shortlist_form"]


# The result cards, shortlist buttons and opening times are built as f-strings, with every
# value escaped by the standard library's html.escape: the same output as Django's escape()
# (which calls it), without format_html's per-argument lazy-string checks. A results page has
# twenty cards; this is most of the time it spends on templates.
def _escape(value) -> str:
    return html.escape(str(value))


def _safe(markup: str):
    from django.utils.safestring import mark_safe

    return mark_safe(markup)  # noqa: S308 - every value in it went through _escape


@register.simple_tag(takes_context=True)
def shortlist_button(context, service, in_shortlist=False):
    """Add to / remove from the shortlist: a plain form, enhanced by signpost.js.

    Built in Python rather than an included template: a results page shows twenty of these.
    """
    parts = _shortlist_form_parts(context)
    action, label, status = (
        (parts["remove"], parts["label_remove"], parts["status"])
        if in_shortlist
        else (parts["add"], parts["label_add"], "")
    )
    service_id = _escape(service.id)
    return _safe(
        f'<form method="post" action="{_escape(action)}"'
        ' class="signpost-shortlist-form signpost-no-print"'
        f' data-add-url="{_escape(parts["add"])}" data-remove-url="{_escape(parts["remove"])}">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{_escape(parts["token"])}">'
        f'<input type="hidden" name="service" value="{service_id}">'
        f'<input type="hidden" name="next" value="{_escape(parts["next"])}">'
        '<button type="submit" class="govuk-button govuk-button--secondary'
        ' govuk-!-margin-bottom-2" data-module="govuk-button"'
        f' data-label-add="{_escape(parts["label_add"])}"'
        f' data-label-remove="{_escape(parts["label_remove"])}"'
        f' aria-describedby="shortlist-status-{service_id}">'
        f'<span class="signpost-shortlist-label">{_escape(label)}</span>'
        f'<span class="govuk-visually-hidden">: {_escape(service.name)}</span></button>'
        f'<span id="shortlist-status-{service_id}" class="govuk-body-s signpost-shortlist-status"'
        f' role="status">{_escape(status)}</span></form>'
    )


@register.simple_tag
def opening_status(opening):
    """ "Open now until 5pm" or "Closed now, opens tomorrow at 9am" (a `services.Opening`)."""
    if opening is None:
        return ""
    if opening.is_open:
        until = ""
        if opening.closes_at:
            until = _("until %(time)s") % {"time": clock(opening.closes_at)}
            until = f' <span class="signpost-result__meta">{_escape(until)}</span>'
        return _safe(
            f'<strong class="govuk-tag govuk-tag--green">{_escape(_("Open now"))}</strong>{until}'
        )
    if opening.next_opens_at:
        opens = _("Opens %(day)s at %(time)s") % {
            "day": day_label(opening.next_opens_at),
            "time": clock(opening.next_opens_at),
        }
        return _safe(
            f'<strong class="govuk-tag govuk-tag--grey">{_escape(_("Closed now"))}</strong>'
            f' <span class="signpost-result__meta">{_escape(opens)}</span>'
        )
    return ""


@register.simple_tag(takes_context=True)
def search_result(context, row, position):
    """One result on the search page (`row`: hit, opening, in_shortlist from the view).

    Built in Python rather than template nodes: a results page shows twenty.
    """
    service, distance = row["hit"].service, row["hit"].distance_miles
    opening = opening_status(row["opening"])
    where_when = ""
    if distance is not None:
        where_when = f"<span>{_escape(miles(distance))}</span>{' · ' if opening else ''}"
    event = context.get("search_event")
    link = f"{_escape(service.get_absolute_url())}?from=search&amp;pos={int(position)}"
    if event:
        link += f"&amp;search={int(event)}"
    meta = '<p class="govuk-body-s signpost-result__meta govuk-!-margin-bottom-1">'
    organisation = f"{meta}{_escape(service.organisation)}</p>" if service.organisation else ""
    categories = f"{meta}{_escape(', '.join(service.categories))}</p>" if service.categories else ""
    return _safe(
        '<li class="signpost-result">'
        '<h3 class="govuk-heading-s govuk-!-margin-bottom-1"><a class="govuk-link"'
        f' href="{link}">{_escape(service.name)}</a></h3>{organisation}'
        f'<p class="govuk-body govuk-!-margin-bottom-1">{_escape(service.summary)}</p>'
        f'<p class="govuk-body-s govuk-!-margin-bottom-1">{where_when}{opening}</p>'
        f"{categories}{shortlist_button(context, service, row['in_shortlist'])}</li>"
    )


def _checked(condition) -> str:
    return " checked" if condition else ""


@register.simple_tag(takes_context=True)
def search_filters(context):
    """The results page's filters form (radius, sort, open now, cost, categories, type, age).

    Built in Python rather than template nodes, as the results are: with a few dozen
    categories it was a third of the page's template time. The context is the search view's.
    """
    from django.template.defaultfilters import floatformat
    from django.urls import reverse
    from django.utils.html import format_html, format_html_join
    from django.utils.safestring import mark_safe

    query, form, place = context["query"], context["form"], context.get("place")
    parts = [
        format_html(
            '<form method="get" action="{}" class="signpost-filters" aria-label="{}">\n'
            '      <input type="hidden" name="q" value="{}">\n'
            '      <input type="hidden" name="postcode" value="{}">\n'
            '      <h2 class="govuk-heading-m">{}</h2>\n',
            reverse("directory:service_search"),
            _("Filter the results"),
            context.get("q") or "",
            context.get("postcode") or "",
            _("Filter"),
        )
    ]
    if place:
        options = []
        for option in context["radius_options"]:
            shown = floatformat(option, "-1")
            label = (
                _("Within 1 mile")
                if option == 1
                else _("Within %(miles)s miles") % {"miles": shown}
            )
            selected = " selected" if option == query.radius_miles else ""
            options.append(format_html('<option value="{}"{}>{}</option>', shown, selected, label))
        parts.append(
            format_html(
                '<div class="govuk-form-group">\n'
                '        <label class="govuk-label govuk-label--s" for="filter-radius">{}</label>\n'
                '        <select class="govuk-select" id="filter-radius" name="radius">\n'
                "          {}\n        </select>\n      </div>\n"
                '      <div class="govuk-form-group">\n        <fieldset class="govuk-fieldset">\n'
                '          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{}'
                "</legend>\n"
                '          <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">\n'
                '            <div class="govuk-radios__item"><input class="govuk-radios__input"'
                ' id="sort-relevance" name="sort" type="radio" value="relevance"{}>'
                '<label class="govuk-label govuk-radios__label" for="sort-relevance">{}</label>'
                "</div>\n"
                '            <div class="govuk-radios__item"><input class="govuk-radios__input"'
                ' id="sort-distance" name="sort" type="radio" value="distance"{}>'
                '<label class="govuk-label govuk-radios__label" for="sort-distance">{}</label>'
                "</div>\n          </div>\n        </fieldset>\n      </div>\n",
                _("Distance"),
                mark_safe("".join(options)),  # noqa: S308 (each option built by format_html)
                _("Sort by"),
                _checked(query.sort != "distance"),
                _("Best match"),
                _checked(query.sort == "distance"),
                _("Nearest first"),
            )
        )
    parts.append(
        format_html(
            '      <div class="govuk-form-group">\n'
            '        <div class="govuk-checkboxes govuk-checkboxes--small"'
            ' data-module="govuk-checkboxes">\n'
            '          <div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input"'
            ' id="filter-open-now" name="open_now" type="checkbox" value="1"{}>'
            '<label class="govuk-label govuk-checkboxes__label" for="filter-open-now">{}</label>'
            "</div>\n"
            '          <div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input"'
            ' id="filter-free" name="cost" type="checkbox" value="free"{}>'
            '<label class="govuk-label govuk-checkboxes__label" for="filter-free">{}</label>'
            "</div>\n        </div>\n      </div>\n",
            _checked(query.open_now),
            _("Open now"),
            _checked(query.free_only),
            _("Free to use"),
        )
    )
    facets = context.get("facets")
    if facets:
        items = format_html_join(
            "\n",
            '            <div class="govuk-checkboxes__item">\n'
            '              <input class="govuk-checkboxes__input" id="category-{}" name="category"'
            ' type="checkbox" value="{}"{}>\n'
            '              <label class="govuk-label govuk-checkboxes__label" for="category-{}">'
            "{}{}</label>\n            </div>",
            (
                (
                    facet["term"].code,
                    facet["term"].code,
                    _checked(facet["term"].code in query.categories),
                    facet["term"].code,
                    facet["term"].name,
                    format_html(' <span class="signpost-result__meta">({})</span>', facet["count"])
                    if facet["count"] is not None
                    else "",
                )
                for facet in facets
            ),
        )
        parts.append(
            format_html(
                '      <div class="govuk-form-group">\n        <fieldset class="govuk-fieldset">\n'
                '          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{}'
                "</legend>\n"
                '          <div class="govuk-checkboxes govuk-checkboxes--small"'
                ' data-module="govuk-checkboxes">\n{}\n          </div>\n'
                "        </fieldset>\n      </div>\n",
                _("Categories"),
                items,
            )
        )
    kinds = format_html_join(
        "\n",
        '            <div class="govuk-radios__item"><input class="govuk-radios__input"'
        ' id="kind-{}" name="kind" type="radio" value="{}"{}>'
        '<label class="govuk-label govuk-radios__label" for="kind-{}">{}</label></div>',
        (
            (value, value, _checked(query.kind == value), value, label)
            for value, label in context["kinds"]
        ),
    )
    age_errors = form.errors.get("age") or []
    age_value = query.age if query.age is not None else str(form.data.get("age") or "")[:5]
    parts.append(
        format_html(
            '      <div class="govuk-form-group">\n        <fieldset class="govuk-fieldset">\n'
            '          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{}'
            "</legend>\n"
            '          <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">\n'
            '            <div class="govuk-radios__item"><input class="govuk-radios__input"'
            ' id="kind-any" name="kind" type="radio" value=""{}>'
            '<label class="govuk-label govuk-radios__label" for="kind-any">{}</label></div>\n'
            "{}\n          </div>\n        </fieldset>\n      </div>\n"
            '      <div class="govuk-form-group{}">\n'
            '        <label class="govuk-label govuk-label--s" for="filter-age">{}</label>\n'
            "        {}\n"
            '        <input class="govuk-input govuk-input--width-3{}" id="filter-age" name="age"'
            ' type="text" inputmode="numeric" value="{}"{}>\n      </div>\n'
            '      <button type="submit" class="govuk-button govuk-button--secondary"'
            ' data-module="govuk-button">{}</button>\n    </form>',
            _("Type"),
            _checked(not query.kind),
            _("Any"),
            kinds,
            " govuk-form-group--error" if age_errors else "",
            _("Age of the person who needs support"),
            format_html_join(
                "",
                '<p class="govuk-error-message" id="filter-age-error">'
                '<span class="govuk-visually-hidden">{}</span> {}</p>',
                ((_("Error:"), error) for error in age_errors),
            ),
            " govuk-input--error" if age_errors else "",
            age_value,
            mark_safe(' aria-describedby="filter-age-error"') if age_errors else "",
            _("Apply filters"),
        )
    )
    return mark_safe("".join(parts))  # noqa: S308 (every part built by format_html)
