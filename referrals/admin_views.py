"""Triage queue views in the Wagtail admin. Who may open each one is decided by the queue's
permission policy (referrals.viewsets); every view of a referral, change and export is
written to the audit log by the verbs in referrals.services."""

import csv

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from portal.admin_viewsets import GuardedView
from referrals import referral_page, services
from referrals.admin_forms import (
    AcceptForm,
    AssignForm,
    BulkAssignForm,
    DeclineForm,
    NoteForm,
    PassForm,
    StatusForm,
)
from referrals.choices import HandoverState, Status
from referrals.filters import QueueFilter
from referrals.models import ReferralAuditEntry, partners_for_user, teams_for_user
from referrals.next_steps import add_working_days
from referrals.queue_table import DEFAULT_ORDERING, DUE_TAGS, ORDERINGS, queue_table

# The detail page's forms, by the name the template knows them by.
ACTION_FORMS = {
    "status_form": StatusForm,
    "assign_form": AssignForm,
    "note_form": NoteForm,
    "pass_form": PassForm,
    "accept_form": AcceptForm,
    "decline_form": DeclineForm,
}


class ReferralMixin:
    """Finds the referral in the URL among those the policy lets this user act on (404 for
    any other team's referral, so its existence is not given away)."""

    def get_referral(self):
        referrals = self.permission_policy.instances_user_has_permission_for(
            self.request.user, self.permission_required
        )
        return get_object_or_404(
            referrals.select_related("area", "assigned_to", "partner"), pk=self.kwargs["pk"]
        )

    def handover_context(self, referral) -> dict:
        """The partner the referral is with (or was declined by), its steps, and which
        handover forms this user gets: pass (First Contact) or accept and decline (the
        partner's staff, while it waits for them)."""
        user, policy = self.request.user, self.permission_policy
        open_ = referral.status != Status.CLOSED and not referral.is_purged
        with_partner = referral.handover in (HandoverState.WAITING, HandoverState.ACCEPTED)
        waiting = referral.handover == HandoverState.WAITING
        answer_due = (
            add_working_days(
                timezone.localtime(referral.handover_at).date(), referral.partner.working_days
            )
            if waiting and referral.handover_at
            else None
        )
        return {
            "handovers": referral.handovers.select_related("partner", "user"),
            "answer_due": answer_due,
            "can_pass": open_
            and not with_partner
            and policy.user_has_permission_for_instance(user, "pass", referral),
            "can_respond": open_
            and waiting
            and referral.partner_id in partners_for_user(user)
            and policy.user_has_permission(user, "respond"),
        }

    def render_detail(self, referral, **forms):
        """The detail page (audited as a view), with the given bound forms in place of the
        blank ones so their errors show."""
        for name, form_class in ACTION_FORMS.items():
            forms.setdefault(name, form_class(referral=referral, user=self.request.user))
        services.record_view(referral, self.request.user)
        can_audit = self.permission_policy.user_has_permission(self.request.user, "audit")
        answers, today = referral.answers, timezone.localdate()
        due_state = referral.due_state(today)
        return TemplateResponse(
            self.request,
            "referrals/admin/detail.html",
            {
                "page_title": referral.reference,
                "page_subtitle": referral.get_team_display(),
                "header_icon": "mail",
                "referral": referral,
                "answers": answers,
                "sections": referral_page.sections(answers, today) if answers else [],
                "summary": referral_page.summary(referral, answers, today) if answers else None,
                "due_state": due_state,
                "due_tag": DUE_TAGS.get(due_state, ""),
                "notes": referral.notes.select_related("author"),
                **self.handover_context(referral),
                **forms,
                "can_audit": can_audit,
                "audit_entries": referral.audit_entries.select_related("user")[:50]
                if can_audit
                else [],
            },
        )


def _filtered(request, referrals):
    return QueueFilter(
        request.GET or None,
        queryset=referrals,
        user=request.user,
        teams=teams_for_user(request.user),
    )


class QueueView(GuardedView):
    """The queue: overdue first, then by due date (or ?ordering=), filtered, 50 a page."""

    http_method_names = ["get", "head"]

    def get(self, request):
        referrals = self.permission_policy.instances_user_has_permission_for(request.user, "view")
        filters = _filtered(request, referrals.select_related("area", "assigned_to", "partner"))
        ordering = request.GET.get("ordering", DEFAULT_ORDERING)
        ordering = ordering if ordering in ORDERINGS else DEFAULT_ORDERING
        page = Paginator(filters.qs.due_order().order_by(*ORDERINGS[ordering]), 50).get_page(
            request.GET.get("p")
        )
        base_url = reverse("referrals_admin:index")
        return TemplateResponse(
            request,
            "referrals/admin/queue.html",
            {
                "page_title": _("Referrals"),
                "header_icon": "mail",
                "filters": filters,
                "page": page,
                "table": queue_table(page.object_list, ordering=ordering, base_url=base_url),
                "bulk_form": _bulk_form(request, referrals),
                "can_bulk_assign": self.permission_policy.user_has_permission(
                    request.user, "bulk_assign"
                ),
                "can_export": self.permission_policy.user_has_permission(request.user, "export"),
                "can_audit": self.permission_policy.user_has_permission(request.user, "audit"),
                "query": request.GET.urlencode(),
            },
        )


class DetailView(ReferralMixin, GuardedView):
    http_method_names = ["get", "head"]

    def get(self, request, pk):
        return self.render_detail(self.get_referral())


class ForbiddenView(GuardedView):
    """A POST view that answers 403 to a user its action is not allowed to (not Wagtail's
    redirect to the dashboard: nothing was done, and a form post should say so plainly)."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        policy, action = self.permission_policy, self.permission_required
        if policy is not None and action and not policy.user_has_permission(request.user, action):
            return HttpResponseForbidden(_("You do not have permission to do this."))
        return super().dispatch(request, *args, **kwargs)


def _bulk_form(request, referrals, data=None):
    return BulkAssignForm(
        data,
        referrals=referrals,
        teams=teams_for_user(request.user),
        partners=partners_for_user(request.user),
    )


class BulkAssignView(ForbiddenView):
    """Assign the referrals ticked in the queue; each assignment audited."""

    def post(self, request):
        referrals = self.permission_policy.instances_user_has_permission_for(
            request.user, "bulk_assign"
        )
        form = _bulk_form(request, referrals, request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, errors[0])
            return redirect("referrals_admin:index")
        try:
            count = form.save(request.user)
        except services.TriageError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                ngettext("%(n)s referral assigned.", "%(n)s referrals assigned.", count)
                % {"n": count},
            )
        return redirect("referrals_admin:index")


class ReferralActionView(ReferralMixin, ForbiddenView):
    """POST only: validate the action's form and save it; back to the detail page on success,
    or the detail page with the errors shown."""

    form_name = None  # a key of ACTION_FORMS
    success_message = gettext_lazy("Saved.")

    def post(self, request, pk):
        referral = self.get_referral()
        form = ACTION_FORMS[self.form_name](request.POST, referral=referral, user=request.user)
        if not form.is_valid():
            return self.render_detail(referral, **{self.form_name: form})
        try:
            form.save(request.user)
        except services.TriageError as error:
            messages.error(request, str(error))
            return self.render_detail(referral)
        messages.success(request, self.success_message % {"reference": referral.reference})
        if not services.may_see(request.user, referral):  # passed on or declined: gone
            return redirect("referrals_admin:index")
        return redirect("referrals_admin:detail", pk=referral.pk)


class ChangeStatusView(ReferralActionView):
    form_name = "status_form"


class AssignView(ReferralActionView):
    form_name = "assign_form"


class AddNoteView(ReferralActionView):
    form_name = "note_form"


class PassView(ReferralActionView):
    form_name = "pass_form"
    success_message = gettext_lazy("Referral %(reference)s passed to the partner.")


class AcceptView(ReferralActionView):
    form_name = "accept_form"
    success_message = gettext_lazy("Referral %(reference)s accepted.")


class DeclineView(ReferralActionView):
    form_name = "decline_form"
    success_message = gettext_lazy(
        "Referral %(reference)s declined. It has gone back to First Contact."
    )


class ExportCountsView(GuardedView):
    """Anonymous counts of the (filtered) queue as CSV, small numbers suppressed."""

    http_method_names = ["get", "head"]

    def get(self, request):
        referrals = self.permission_policy.instances_user_has_permission_for(request.user, "export")
        filters = _filtered(request, referrals)
        rows = services.export_counts(filters.qs, request.user)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="referral-counts-{timezone.localdate():%Y-%m-%d}.csv"'
        )
        writer = csv.writer(response)
        writer.writerow(services.COUNT_COLUMNS)
        writer.writerows(rows)
        return response


class AuditLogView(GuardedView):
    http_method_names = ["get", "head"]

    def get(self, request):
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
