"""The directory's panel on the admin home: suggestions waiting, listings overdue for review.

A coordinator linked to their local area coordinator profile (LocalAreaCoordinator.user)
sees the overdue listings in each of their patches; everyone else who may edit listings sees
every overdue listing. Each count links to the list it counts. Registered by
directory.wagtail_hooks.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.models import ChangeSuggestion, Service
from directory.patches import limit_suggestions
from directory.reviews import coordinator_patches, overdue_by_patch
from portal.home_panels import Task, TasksPanel

SUGGESTIONS_PERMISSION = "directory.change_changesuggestion"
LISTINGS_PERMISSION = "directory.change_service"


class DirectoryPanel(TasksPanel):
    name = "directory"
    heading = gettext_lazy("Directory")
    order = 120

    def is_shown(self) -> bool:
        user = self.request.user
        return user.has_perm(SUGGESTIONS_PERMISSION) or user.has_perm(LISTINGS_PERMISSION)

    def get_tasks(self) -> list[Task]:
        user = self.request.user
        tasks = []
        if user.has_perm(SUGGESTIONS_PERMISSION):
            tasks.append(
                Task(
                    _("Suggestions from the public waiting"),
                    limit_suggestions(
                        ChangeSuggestion.objects.filter(status=ChangeSuggestion.Status.NEW), user
                    ).count(),
                    reverse("directory_suggestions:queue"),
                )
            )
        if user.has_perm(LISTINGS_PERMISSION):
            tasks += self.overdue_tasks(user)
        return tasks

    def overdue_tasks(self, user) -> list[Task]:
        listings = reverse("wagtailsnippets_directory_service:list")
        patches = coordinator_patches(user)
        if not patches:
            return [
                Task(
                    _("Listings overdue for review"),
                    Service.objects.overdue_for_review().count(),
                    f"{listings}?{urlencode({'overdue': 'true'})}",
                    needs_attention=True,
                )
            ]
        return [
            Task(
                _("Listings overdue for review in %(patch)s") % {"patch": patch.name},
                count,
                f"{listings}?{urlencode({'overdue': 'true', 'area': patch.pk})}",
                needs_attention=True,
            )
            for patch, count in overdue_by_patch(patches)
        ]
