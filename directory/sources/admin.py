"""Sources in the admin (Directory → Sources) and a listing's provenance panel.

Coordinators can view sources, their last runs and the listings a source no longer lists;
Administrators add and change them (directory.add_source / change_source). Snippet views
record the usual Wagtail audit log entries for every change.
"""

from django.utils import dateformat, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import InspectView
from wagtail.snippets.views.snippets import SnippetViewSet

from directory.models import Source, SourceRecord

RUNS_SHOWN = 10
WITHDRAWN_SHOWN = 100


def in_words(moment) -> str:
    """A date and time as people write it ("7 December 2026, 13:05"), or "Never"."""
    if moment is None:
        return str(_("Never"))
    return dateformat.format(timezone.localtime(moment), "j F Y, H:i")


class SourceInspectView(InspectView):
    """The source's settings, its last runs and the listings it no longer lists."""

    template_name = "directory/sources/admin_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        source = self.object
        context["runs"] = [
            {"run": run, "started": in_words(run.started_at)}
            for run in source.runs.all()[:RUNS_SHOWN]
        ]
        withdrawn = (
            source.records.filter(withdrawn_at__isnull=False, service__isnull=False)
            .select_related("service")
            .order_by("-withdrawn_at")
        )
        context["withdrawn_count"] = withdrawn.count()
        context["withdrawn"] = [
            {"record": record, "since": in_words(record.withdrawn_at)}
            for record in withdrawn[:WITHDRAWN_SHOWN]
        ]
        return context


class SourceViewSet(SnippetViewSet):
    model = Source
    icon = "download"
    menu_label = _("Sources")
    search_backend_name = None
    search_fields = ["name"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = SourceInspectView
    inspect_view_fields = [
        "name",
        "kind",
        "location",
        "trust",
        "pull_every_hours",
        "is_active",
        "resume_page",
    ]
    list_display = [
        "name",
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("trust", label=_("Trust"), accessor=lambda s: s.get_trust_display().split(":")[0]),
        Column("pull_every_hours", label=_("Pull every (hours)")),
        Column(
            "last_pulled_at", label=_("Last pulled"), accessor=lambda s: in_words(s.last_pulled_at)
        ),
        "last_result",
    ]
    list_filter = ["kind", "trust", "is_active"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("trust")]),
        FieldPanel("location"),
        FieldRowPanel([FieldPanel("pull_every_hours"), FieldPanel("is_active")]),
    ]


class ProvenancePanel(Panel):
    """Read-only: the sources a listing came from, when each last listed it, and whether
    it has withdrawn it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Where it came from"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "directory/sources/provenance_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            service = self.instance
            self.records = (
                [
                    {"record": record, "last_seen": in_words(record.last_seen)}
                    | {"withdrawn": in_words(record.withdrawn_at) if record.withdrawn_at else ""}
                    for record in SourceRecord.objects.filter(service=service).select_related(
                        "source"
                    )
                ]
                if service is not None and service.pk
                else []
            )

        def is_shown(self):
            return bool(self.records)
