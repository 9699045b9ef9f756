"""The triage queue's table, built from Wagtail's listing components (wagtail.admin.ui.tables):
a checkbox to pick referrals for bulk assignment, the reference, the due date with its
"Due today" / "Overdue" tag, status, team, the partner organisation it is with (or was
declined by), area, carer and who it is assigned to."""

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import (
    BaseColumn,
    Column,
    StatusTagColumn,
    Table,
    TitleColumn,
    UserColumn,
)

# ?ordering= values the queue accepts (a column's sort_key, or "-" and it); the default first.
ORDERINGS = {
    "due_on": ("stage", F("due_on").asc(nulls_last=True), "created_at", "pk"),
    "-due_on": ("stage", F("due_on").desc(nulls_last=True), "-created_at", "-pk"),
    "created_at": ("created_at", "pk"),
    "-created_at": ("-created_at", "-pk"),
}
DEFAULT_ORDERING = "due_on"
DUE_TAGS = {"overdue": _("Overdue"), "due_today": _("Due today")}


class SelectColumn(BaseColumn):
    """A checkbox naming the referral, for the bulk assignment form around the table."""

    header_template_name = "referrals/admin/cells/select_header.html"
    cell_template_name = "referrals/admin/cells/select.html"


class DueColumn(Column):
    """The due date, tagged "Overdue" or "Due today" while the referral awaits contact."""

    cell_template_name = "referrals/admin/cells/due.html"

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        state = instance.due_state(self.today)
        context.update(due_state=state, due_tag=DUE_TAGS.get(state, ""))
        return context


class PartnerColumn(Column):
    """The partner organisation and its answer: "Waiting: …", "Accepted: …" or, once back
    with First Contact, "Declined by …"."""

    cell_template_name = "referrals/admin/cells/partner.html"


def queue_table(referrals, *, ordering: str, base_url: str, today=None) -> Table:
    today = today or timezone.localdate()
    return Table(
        [
            SelectColumn("select", label=_("Select")),
            TitleColumn(
                "reference",
                label=_("Reference"),
                url_name="referrals_admin:detail",
                get_title_id=lambda referral: f"referral_{referral.pk}_title",
            ),
            DueColumn("due_on", label=_("Due"), sort_key="due_on", today=today),
            Column(
                "received",
                label=_("Received"),
                accessor=lambda r: timezone.localtime(r.created_at).strftime("%-d %b %Y %H:%M"),
                sort_key="created_at",
            ),
            StatusTagColumn("status", label=_("Status"), accessor="get_status_display"),
            Column("team", label=_("Team"), accessor="get_team_display"),
            PartnerColumn("partner", label=_("Partner")),
            Column("area", label=_("Area"), accessor=lambda r: r.area.name if r.area else "–"),
            Column(
                "carer", label=_("Carer"), accessor=lambda r: _("Yes") if r.is_carer else _("No")
            ),
            UserColumn("assigned_to", label=_("Assigned to"), blank_display_name="–"),
        ],
        referrals,
        base_url=base_url,
        ordering=ordering,
        caption=_("Referrals, overdue first, then by due date"),
    )
