"""Triage queue views in the Wagtail admin. Access is by permission (see models.teams_for_user);
every view of a referral, change and export is written to the audit log."""

import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from referrals import services
from referrals.admin_forms import AssignForm, NoteForm, StatusForm
from referrals.filters import QueueFilter
from referrals.models import (
    AUDIT_PERMISSION,
    EXPORT_PERMISSION,
    Referral,
    ReferralAuditEntry,
    teams_for_user,
)


def _teams_or_403(user):
    teams = teams_for_user(user)
    if not teams:
        raise PermissionDenied
    return teams


def queue(request):
    teams = _teams_or_403(request.user)
    referrals = (
        Referral.objects.for_user(request.user).select_related("area", "assigned_to").queue_order()
    )
    filters = QueueFilter(request.GET or None, queryset=referrals, user=request.user, teams=teams)
    page = Paginator(filters.qs, 50).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "referrals/admin/queue.html",
        {
            "page_title": _("Referrals"),
            "header_icon": "mail",
            "filters": filters,
            "page": page,
            "can_export": request.user.has_perm(EXPORT_PERMISSION),
            "can_audit": request.user.has_perm(AUDIT_PERMISSION),
            "query": request.GET.urlencode(),
        },
    )


def detail(request, pk):
    _teams_or_403(request.user)
    referral = get_object_or_404(
        Referral.objects.for_user(request.user).select_related("area", "assigned_to"), pk=pk
    )
    status_form = StatusForm(initial={"status": referral.status, "outcome": referral.outcome})
    assign_form = AssignForm(team=referral.team, initial={"assignee": referral.assigned_to_id})
    note_form = NoteForm()
    if request.method == "POST":
        action = request.POST.get("action")
        forms = {"status": StatusForm, "assign": AssignForm, "note": NoteForm}
        if action not in forms:
            return redirect("referrals_admin:detail", pk=pk)
        kwargs = {"team": referral.team} if action == "assign" else {}
        form = forms[action](request.POST, **kwargs)
        if form.is_valid():
            try:
                if action == "status":
                    services.change_status(
                        referral,
                        request.user,
                        form.cleaned_data["status"],
                        form.cleaned_data["outcome"],
                    )
                elif action == "assign":
                    services.assign(referral, request.user, form.cleaned_data["assignee"])
                else:
                    services.add_note(referral, request.user, form.cleaned_data["text"])
            except services.TriageError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("Saved."))
                return redirect("referrals_admin:detail", pk=pk)
        else:
            status_form = form if action == "status" else status_form
            assign_form = form if action == "assign" else assign_form
            note_form = form if action == "note" else note_form
    services.record_view(referral, request.user)
    return TemplateResponse(
        request,
        "referrals/admin/detail.html",
        {
            "page_title": referral.reference,
            "page_subtitle": referral.get_team_display(),
            "header_icon": "mail",
            "referral": referral,
            "answers": referral.answers,
            "notes": referral.notes.select_related("author"),
            "status_form": status_form,
            "assign_form": assign_form,
            "note_form": note_form,
            "can_audit": request.user.has_perm(AUDIT_PERMISSION),
            "audit_entries": referral.audit_entries.select_related("user")[:50]
            if request.user.has_perm(AUDIT_PERMISSION)
            else [],
        },
    )


def export_counts(request):
    teams = _teams_or_403(request.user)
    if not request.user.has_perm(EXPORT_PERMISSION):
        raise PermissionDenied
    referrals = Referral.objects.for_user(request.user)
    filters = QueueFilter(request.GET or None, queryset=referrals, user=request.user, teams=teams)
    rows = services.export_counts(filters.qs, request.user)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="referral-counts-{timezone.localdate():%Y-%m-%d}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(services.COUNT_COLUMNS)
    for row in rows:
        writer.writerow(
            [*row[:-1], row[-1] if row[-1] >= services.SMALL_COUNT else f"<{services.SMALL_COUNT}"]
        )
    return response


def audit_log(request):
    if not request.user.has_perm(AUDIT_PERMISSION):
        raise PermissionDenied
    entries = ReferralAuditEntry.objects.select_related("user")
    reference = request.GET.get("reference", "").strip().upper()[:10]
    if reference:
        entries = entries.filter(reference=reference)
    page = Paginator(entries, 100).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "referrals/admin/audit.html",
        {
            "page_title": _("Referral audit log"),
            "header_icon": "history",
            "page": page,
            "reference": reference,
        },
    )
