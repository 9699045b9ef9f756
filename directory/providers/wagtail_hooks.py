"""Provider accounts in the Wagtail admin: "Invite a provider" on each organisation, the
invitation view's URL and the labels of the providers' log entries. Imported by
directory.wagtail_hooks (Wagtail only looks for an app's own wagtail_hooks module)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton

from directory.models import Organisation, Service
from directory.providers import services
from directory.providers.admin import InviteProviderView, invite_url


@hooks.register("register_admin_urls")
def register_provider_invite_url():
    return [
        path(
            "providers/invite/<uuid:organisation_id>/",
            InviteProviderView.as_view(),
            name="providers_invite",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def invite_a_provider_button(snippet, user, next_url=None):
    if isinstance(snippet, Organisation) and user.has_perm("directory.change_service"):
        yield ListingButton(
            _("Invite a provider"), invite_url(snippet), icon_name="mail", priority=50
        )


@hooks.register("register_snippet_listing_buttons")
def compare_with_live_button(snippet, user, next_url=None):
    """A listing with a change waiting (a provider's, or anyone's): the field-by-field
    comparison of the live version with the latest revision, one click from the list."""
    if (
        isinstance(snippet, Service)
        and snippet.live
        and snippet.has_unpublished_changes
        and snippet.latest_revision_id
        and user.has_perm("directory.change_service")
    ):
        url = reverse(
            "wagtailsnippets_directory_service:revisions_compare",
            args=[snippet.pk, "live", snippet.latest_revision_id],
        )
        yield ListingButton(
            _("Compare with the live version"), url, icon_name="history", priority=40
        )


@hooks.register("register_log_actions")
def register_provider_log_actions(actions):
    for action, label, message in (
        (services.CLAIMED, _("Provider claim"), _("Listing claimed by a provider (code)")),
        (services.INVITED, _("Provider invited"), _("A provider was invited")),
        (services.JOINED, _("Provider joined"), _("A provider accepted an invitation")),
        (services.REFUSED, _("Provider refused"), _("Refused: not this provider's listing")),
        (services.CHANGE_SENT, _("Provider change"), _("A provider sent a change for checking")),
    ):
        actions.register_action(action, label, message)
