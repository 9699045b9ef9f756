"""CSV export of a report table, with the same small-number suppression as the screens."""

import csv

from django.http import HttpResponse
from django.utils.translation import gettext as _

from analytics.reports.shapes import Column, ReportFilter, Table
from directory.models import Area
from portal.suppression import suppress

# Cells starting with these are formulas to a spreadsheet: search words are user input.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_value(row: dict, column: Column):
    value = row.get(column.key)
    kind = row.get("value_kind", "text") if column.kind == "mixed" else column.kind
    if kind == "count":
        return suppress(value) if column.suppressed else (value or 0)
    if kind in ("rate", "percent"):
        return (row.get(f"{column.key}_note") or _("not shown")) if value is None else value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def table_csv(slug: str, table: Table, report: ReportFilter) -> HttpResponse:
    by = "" if report.area_type == Area.Kind.WARD else f"-by-{report.area_type}"
    filename = (
        f"signpost-{slug}-{table.slug}{by}-{report.date_from:%Y%m%d}-{report.date_to:%Y%m%d}.csv"
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([str(column.label) for column in table.columns])
    for row in table.rows:
        writer.writerow([csv_value(row, column) for column in table.columns])
    return response
