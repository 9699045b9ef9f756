"""Editors' reports: pages due for review, and "Was this page helpful?" answers per page."""

import datetime

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, get_page_models
from wagtail.permission_policies.pages import PagePermissionPolicy

from advice.feedback import feedback_counts
from advice.models import PageFeedback, ReviewablePageMixin


def reviewable_page_models() -> list:
    return [model for model in get_page_models() if issubclass(model, ReviewablePageMixin)]


def overdue_pages(today: datetime.date | None = None):
    """Pages of every reviewable type whose next review date has passed (specific instances)."""
    today = today or timezone.localdate()
    overdue = Q()
    for model in reviewable_page_models():
        overdue |= Q(**{f"{model._meta.model_name}__next_review__lt": today})
    if not overdue:
        return Page.objects.none()
    return Page.objects.filter(overdue).specific()


def _edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.id])


EDITOR_PERMISSIONS = ["add", "change", "publish"]


def user_can_see_editor_reports(user) -> bool:
    return PagePermissionPolicy().user_has_any_permission(user, EDITOR_PERMISSIONS)


class EditorReportMixin:
    """Open to anyone who may add, change or publish pages (editors)."""

    any_permission_required = EDITOR_PERMISSIONS

    @cached_property
    def permission_policy(self):
        return PagePermissionPolicy()


class PagesDueForReviewView(EditorReportMixin, ReportView):
    page_title = _("Pages due for review")
    header_icon = "time"
    index_url_name = "advice_reports:pages_due_for_review"
    index_results_url_name = "advice_reports:pages_due_for_review_results"
    columns = [
        TitleColumn("title", label=_("Page"), get_url=_edit_url),
        Column("content_owner", label=_("Content owner")),
        DateColumn("next_review", label=_("Review was due")),
        Column("url", label=_("Address")),
    ]
    list_export = ["title", "content_owner", "next_review", "url"]
    export_headings = {"next_review": _("Review was due"), "url": _("Address")}

    def get_filename(self):
        return f"pages-due-for-review-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        pages = sorted(overdue_pages(), key=lambda page: (page.next_review, page.title))
        return pages


def _feedback_url(page) -> str:
    return reverse("advice_reports:page_feedback_detail", args=[page.id])


class PageFeedbackReportView(EditorReportMixin, ReportView):
    page_title = _("Page feedback")
    header_icon = "help"
    index_url_name = "advice_reports:page_feedback"
    index_results_url_name = "advice_reports:page_feedback_results"
    columns = [
        TitleColumn("title", label=_("Page"), get_url=_feedback_url),
        Column("helpful_yes", label=_("Helpful")),
        Column("helpful_no", label=_("Not helpful")),
        Column("comments", label=_("Comments")),
    ]
    list_export = ["title", "helpful_yes", "helpful_no", "comments"]

    def get_filename(self):
        return f"page-feedback-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return feedback_counts(Page.objects.filter(feedback__isnull=False).distinct()).order_by(
            "-helpful_no", "title"
        )


class PageFeedbackDetailView(EditorReportMixin, ReportView):
    """Every answer for one page, newest first."""

    header_icon = "help"
    index_results_url_name = None
    columns = [
        DateColumn("created_at", label=_("When")),
        Column("helpful_display", label=_("Helpful?")),
        Column("comment", label=_("Comment")),
    ]
    list_export = ["created_at", "helpful", "comment"]

    @cached_property
    def feedback_page(self):
        return get_object_or_404(Page, id=self.kwargs["page_id"])

    def get_page_title(self):
        return _("Feedback: %(title)s") % {"title": self.feedback_page.title}

    def get_index_url(self):
        return reverse("advice_reports:page_feedback_detail", args=[self.feedback_page.id])

    def get_filename(self):
        return f"page-feedback-{self.feedback_page.slug}"

    def get_queryset(self):
        rows = list(PageFeedback.objects.filter(page=self.feedback_page).order_by("-created_at"))
        for row in rows:
            row.helpful_display = _("Yes") if row.helpful else _("No")
        return rows
