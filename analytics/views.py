"""Wagtail admin screens for prevention analytics (`/admin/analytics/`).

Who may open them is decided by the viewset's permission policy (analytics.viewsets): the
Analyst and Administrator roles, who may also record a decision on an unmet need.
"""

import dataclasses

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from analytics.charts import bar_chart, dot_map
from analytics.exports import table_csv
from analytics.forms import ReportFilterForm, UnmetNeedDecisionForm
from analytics.models import UnmetNeedDecision
from analytics.reports import REPORTS, SCREEN_ROWS, YearError, financial_year, type_label
from portal.admin_viewsets import GuardedView


def _spec(slug):
    try:
        return REPORTS[slug]
    except KeyError:
        raise Http404 from None


YEAR_REPORTS = ("carers",)  # reports with an annual view: ?year= gives a financial year


def _report_filter(request, slug):
    """The report's filter from the query string; for a report with an annual view, a valid
    `year` replaces the dates with that financial year (1 April to 31 March).

    Returns (filter, year or None, the year's error message or "")."""
    report_filter = ReportFilterForm(request.GET or None).to_filter()
    text = request.GET.get("year")
    if slug not in YEAR_REPORTS or text is None:
        return report_filter, None, ""
    try:
        first, last = financial_year(text)
    except YearError as error:
        return report_filter, None, str(error)
    report_filter = dataclasses.replace(report_filter, date_from=first, date_to=last)
    return report_filter, first.year, ""


class IndexView(GuardedView):
    http_method_names = ["get", "head"]

    def get(self, request):
        return TemplateResponse(
            request,
            "analytics/index.html",
            {"reports": REPORTS.values(), "header_title": _("Analytics")},
        )


class ReportView(GuardedView):
    http_method_names = ["get", "head"]

    def get(self, request, slug):
        spec = _spec(slug)
        form = ReportFilterForm(request.GET or None)
        report_filter, year, year_error = _report_filter(request, slug)
        tables = spec.build(report_filter)
        query_string = request.GET.urlencode()
        sections = [
            {
                "table": table,
                "rows": table.rows[:SCREEN_ROWS],
                "truncated": len(table.rows) > SCREEN_ROWS,
                "chart": bar_chart(table),
                "map": dot_map(table.map_points),
                # rows of needs (search words, categories) take a decision; others do not
                "decidable": any("decision" in row for row in table.rows[:1]),
                "csv_url": reverse("analytics:csv", args=[slug, table.slug])
                + (f"?{query_string}" if query_string else ""),
            }
            for table in tables
        ]
        return TemplateResponse(
            request,
            "analytics/report.html",
            {
                "spec": spec,
                "form": form,
                "filter": report_filter,
                "area_type_label": type_label(report_filter.area_type),
                "sections": sections,
                "header_title": str(spec.title),
                "decision_form": UnmetNeedDecisionForm() if slug == "unmet-need" else None,
                "decisions": UnmetNeedDecision.Decision.choices,
                "return_to": request.get_full_path(),
                "annual": slug in YEAR_REPORTS,
                "year": year,
                "year_error": year_error,
                "year_value": request.GET.get("year", "")[:20],
                "keep_params": [
                    (name, value)
                    for name, value in request.GET.items()
                    if name not in ("year", "date_from", "date_to")
                ],
            },
        )


class ReportCsvView(GuardedView):
    http_method_names = ["get", "head"]

    def get(self, request, slug, table_slug):
        spec = _spec(slug)
        report_filter, _year, _error = _report_filter(request, slug)
        for table in spec.build(report_filter):
            if table.slug == table_slug:
                return table_csv(slug, table, report_filter)
        raise Http404


class DecideView(GuardedView):
    """Record "added a listing" / "not something we provide" against an unmet need."""

    http_method_names = ["post"]

    def post(self, request):
        form = UnmetNeedDecisionForm(request.POST)
        if form.is_valid():
            decision = form.save(request.user)
            messages.success(
                request,
                _("Recorded “%(decision)s” for “%(need)s”.")
                % {
                    "decision": decision.get_decision_display(),
                    "need": decision.query or decision.category,
                },
            )
        else:
            errors = [error for field_errors in form.errors.values() for error in field_errors]
            messages.error(request, " ".join(errors))
        target = request.POST.get("return_to", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = reverse("analytics:report", args=["unmet-need"])
        return redirect(target)
