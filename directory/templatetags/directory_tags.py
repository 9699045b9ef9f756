"""Small display helpers for directory templates: distances, opening times, directions, the
shortlist button and the home page's popular needs. (Phone numbers: portal's phone_links.)"""

import html

from django import template
from django.conf import settings
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from directory import links
from directory.models import TaxonomyTerm
from directory.sanitise import sanitise_html
from directory.schedules import to_local
from directory.vocabulary import POPULAR_NEED_CODES, WEEKDAYS

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


@register.filter
def day_label(value):
    """An aware datetime as "today", "tomorrow" or the weekday name, in the council's timezone."""
    if value is None:
        return ""
    local = to_local(value)
    today = to_local(None).date()
    if local.date() == today:
        return _("today")
    if (local.date() - today).days == 1:
        return _("tomorrow")
    return WEEKDAY_NAMES[local.isoweekday()]


@register.simple_tag
def directions_link(location):
    """ "Get directions on OpenStreetMap" for a venue: the map service gets the destination only."""
    url = links.directions_url(location)
    if not url:
        return ""
    label = _("Get directions on %(service)s") % {"service": settings.DIRECTIONS_SERVICE_NAME}
    place = _(" to %(place)s") % {"place": location.name or location.one_line_address}
    return _safe(
        f'<p class="govuk-body signpost-no-print"><a class="govuk-link" href="{_escape(url)}"'
        f' rel="noreferrer">{_escape(label)}'
        f'<span class="govuk-visually-hidden">{_escape(place)}</span></a></p>'
    )


@register.filter
def sanitised(markup):
    """Description HTML through the allow-list sanitiser (stored HTML is sanitised too)."""
    return mark_safe(sanitise_html(markup or ""))  # noqa: S308 - nh3 allow-list output


def _shortlist_form_parts(context) -> dict:
    """What every shortlist form on a page shares, worked out once a page.

    One CSRF token for all of them (a fresh mask per form costs time), the two URLs and labels.
    """
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


# The shortlist buttons and opening times (shown on every search result card) are built as f-strings, with every
# value escaped by the standard library's html.escape: the same output as Django's escape()
# (which calls it), without format_html's per-argument lazy-string checks. A results page has
# twenty cards; this is most of the time it spends on templates.
def _escape(value) -> str:
    return html.escape(str(value))


def _safe(markup: str):
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
    """ "Open now until 5pm" or "Closed now, opens tomorrow at 9am" (a `schedules.Opening`)."""
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


@register.inclusion_tag("directory/includes/popular_needs.html")
def popular_needs():
    """The home page's popular needs: the categories in POPULAR_NEED_CODES that exist, in order."""
    terms = {term.code: term for term in TaxonomyTerm.objects.filter(code__in=POPULAR_NEED_CODES)}
    return {"needs": [terms[code] for code in POPULAR_NEED_CODES if code in terms]}
