"""The admin home (dashboard) says what needs doing: each app adds its own panel of counts.

A `TasksPanel` is a Wagtail component with a heading and a few counts, each linking to the
list it counts, shown only to users who may see what it counts (`is_shown`). Apps add theirs
with the `construct_homepage_panels` hook in their own wagtail_hooks.py (`add_panel`), so
portal never imports the apps above it. Wagtail's site summary (pages, images and documents
counts) is removed in portal.wagtail_hooks; its workflow, recent-edit and locked-page panels
stay for Editors and Coordinators (they show nothing when there is nothing to do).
"""

from dataclasses import dataclass

from wagtail.admin.ui.components import Component


@dataclass(frozen=True)
class Task:
    """One count on a panel: "3 new referrals", linking to the list of those 3."""

    label: str
    count: int
    url: str
    needs_attention: bool = False  # shown as a warning while the count is above 0


class TasksPanel(Component):
    """A panel of counts for the admin home. Subclasses set `name`, `heading` and `order`,
    and say who sees it (`is_shown`) and what it counts (`get_tasks`)."""

    template_name = "portal/admin/home_tasks_panel.html"
    name = ""
    heading = ""
    description = ""
    order = 100  # Wagtail's own panels start at 210

    def __init__(self, request):
        self.request = request

    def is_shown(self) -> bool:
        raise NotImplementedError

    def get_tasks(self) -> list[Task]:
        raise NotImplementedError

    def get_context_data(self, parent_context=None):
        return {
            "panel_id": f"home-{self.name}",
            "heading": self.heading,
            "description": self.description,
            "tasks": self.get_tasks(),
        }


def add_panel(panels: list, panel: TasksPanel) -> None:
    """Add `panel` to the home page's panels if its user may see it (for the hook)."""
    if panel.is_shown():
        panels.append(panel)


def remove_site_summary(request, summary_items: list) -> None:
    """Wagtail's counts of pages, images and documents: no role's work is in them."""
    summary_items.clear()
