"""Admin: the "Pages due for review" and "Page feedback" reports."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from advice import reports

report_urls = (
    [
        path(
            "review/",
            reports.PagesDueForReviewView.as_view(),
            name="pages_due_for_review",
        ),
        path(
            "review/results/",
            reports.PagesDueForReviewView.as_view(results_only=True),
            name="pages_due_for_review_results",
        ),
        path("feedback/", reports.PageFeedbackReportView.as_view(), name="page_feedback"),
        path(
            "feedback/results/",
            reports.PageFeedbackReportView.as_view(results_only=True),
            name="page_feedback_results",
        ),
        path(
            "feedback/<int:page_id>/",
            reports.PageFeedbackDetailView.as_view(),
            name="page_feedback_detail",
        ),
    ],
    "advice_reports",
)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/advice/", include(report_urls))]


class EditorReportMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.user_can_see_editor_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_pages_due_for_review_menu_item():
    return EditorReportMenuItem(
        _("Pages due for review"),
        reverse("advice_reports:pages_due_for_review"),
        name="pages-due-for-review",
        icon_name="time",
        order=650,
    )


@hooks.register("register_reports_menu_item")
def register_page_feedback_menu_item():
    return EditorReportMenuItem(
        _("Page feedback"),
        reverse("advice_reports:page_feedback"),
        name="page-feedback",
        icon_name="help",
        order=660,
    )
