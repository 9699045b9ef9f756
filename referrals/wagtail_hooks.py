"""The staff triage queue in the Wagtail admin: /admin/referrals/ (see referrals.viewsets),
and its panel on the admin home (new and overdue referrals in each of the user's queues)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet

from portal.home_panels import Task, TasksPanel, add_panel
from referrals.choices import HandoverState, Status
from referrals.models import Partner, may_use_queue
from referrals.queue_counts import partner_queues, team_queues
from referrals.viewsets import ReferralQueueViewSet


class PartnerDeleteView(DeleteView):
    """A partner that has had referrals is kept (they and their handover steps name it):
    the page says to make it inactive instead, rather than failing."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _(
                    "%(partner)s has had referrals passed to it, so it cannot be deleted. "
                    "Untick “Active” instead: it will get no more referrals."
                )
                % {"partner": self.object},
            )
            return redirect("wagtailsnippets_referrals_partner:edit", self.object.pk)


class PartnerViewSet(SnippetViewSet):
    """Partner organisations, for Administrators (the model permissions): make any
    organisation in the directory a partner, give it an inbox and its staff."""

    model = Partner
    delete_view_class = PartnerDeleteView
    icon = "group"
    menu_label = gettext_lazy("Partners")
    add_to_settings_menu = True
    search_backend_name = None
    list_display = ["name", "organisation", "inbox_email", "working_days", "active"]
    list_filter = ["active"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("organisation"),
        FieldPanel("team"),
        FieldRowPanel([FieldPanel("inbox_email"), FieldPanel("working_days")]),
        FieldPanel("active"),
        FieldPanel("members"),
    ]


register_snippet(PartnerViewSet)


@hooks.register("register_admin_viewset")
def register_queue_viewset():
    return ReferralQueueViewSet()


class ReferralQueuesPanel(TasksPanel):
    """New and overdue referrals in each queue the user may open (by permission)."""

    name = "referrals"
    heading = gettext_lazy("Referrals")
    order = 100

    def is_shown(self) -> bool:
        return may_use_queue(self.request.user)

    description = gettext_lazy(
        "Overdue: not yet contacted after the date we promised the person we would be in touch by."
    )

    def get_tasks(self) -> list[Task]:
        queue = reverse("referrals_admin:index")
        tasks = []
        for counts in team_queues(self.request.user):
            names = {"team": counts.label}
            tasks += [
                Task(
                    _("New in the %(team)s queue") % names,
                    counts.new,
                    f"{queue}?{urlencode({'status': Status.NEW.value, 'team': counts.team})}",
                ),
                Task(
                    _("Overdue in the %(team)s queue") % names,
                    counts.overdue,
                    f"{queue}?{urlencode({'overdue': 1, 'team': counts.team})}",
                    needs_attention=True,
                ),
            ]
        for waiting in partner_queues(self.request.user):
            tasks.append(
                Task(
                    _("Waiting for %(partner)s to accept") % {"partner": waiting.partner},
                    waiting.waiting,
                    f"{queue}?{urlencode({'handover': HandoverState.WAITING.value})}",
                    needs_attention=True,
                )
            )
        return tasks


@hooks.register("construct_homepage_panels")
def add_referral_queues_panel(request, panels):
    add_panel(panels, ReferralQueuesPanel(request))
