"""Template filters for the analytics screens: `{{ n|suppress }}`, `{{ row|cell:column }}`,
`{{ row|cell_url:column }}`."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.translation import gettext as _

from portal.suppression import suppress as suppress_count

register = template.Library()


@register.filter
def suppress(count):
    """Show 1 to 4 as "fewer than 5"; larger counts with thousands separators."""
    shown = suppress_count(count)
    return intcomma(shown) if isinstance(shown, int) else shown


@register.filter
def cell(row, column):
    """One table cell, formatted for the screen by the column's kind."""
    value = row.get(column.key)
    kind = row.get("value_kind", "text") if column.kind == "mixed" else column.kind
    if kind == "count":
        return suppress(value) if column.suppressed else intcomma(value or 0)
    if kind in ("rate", "percent"):
        if value is None:  # withheld (small numbers), or a note saying why there is none
            return row.get(f"{column.key}_note") or _("not shown")
        return f"{value}%" if kind == "percent" else f"{value}"
    return "" if value is None else value


@register.filter
def cell_url(row, column):
    """Where a cell links to (a row's "<column key>_url", e.g. the admin listings it counts)."""
    return row.get(f"{column.key}_url", "")
