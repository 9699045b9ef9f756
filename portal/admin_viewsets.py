"""Staff screens in the Wagtail admin as viewsets guarded by one permission policy each.

A `GuardedViewSet` owns its URLs, its menu item and its permission policy (a Wagtail
`BasePermissionPolicy`): the policy decides who may do each action, the viewset's
`get_urlpatterns` says which action each view needs, and the menu item is shown to whoever
may do `menu_action`. Views derive from `GuardedView`, which refuses to run without both a
policy and an action, so a view wired up by hand is closed rather than open.

The referrals queue, the suggestions queue and analytics use this; it lives in portal so
they can share it without importing each other.
"""

from django.core.exceptions import ImproperlyConfigured
from django.views import View
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSet


class GuardedView(PermissionCheckedMixin, View):
    """A view that needs `permission_required` under `permission_policy` (both given by its
    viewset). Wagtail turns the PermissionDenied it raises into a redirect to the dashboard."""

    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        if self.permission_policy is None or self.permission_required is None:
            raise ImproperlyConfigured(
                f"{type(self).__name__} needs a permission policy and an action from its viewset"
            )
        return super().dispatch(request, *args, **kwargs)


class PolicyMenuItem(MenuItem):
    """A menu item shown only to users the policy allows to do `action`."""

    def __init__(self, *args, permission_policy, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission_policy = permission_policy
        self.action = action

    def is_shown(self, request):
        return self.permission_policy.user_has_permission(request.user, self.action)


class GuardedViewSet(ViewSet):
    """A viewset in the main admin menu whose views and menu item share `permission_policy`."""

    permission_policy = None
    menu_action = "view"  # the action a user needs to see the menu item
    add_to_admin_menu = True

    def guarded(self, view_class, action: str, **kwargs):
        """The view function for `view_class`, allowed only to users who may do `action`."""
        return self.construct_view(
            view_class,
            permission_policy=self.permission_policy,
            permission_required=action,
            **kwargs,
        )

    def get_menu_item(self, order=None):
        return PolicyMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
            permission_policy=self.permission_policy,
            action=self.menu_action,
        )
