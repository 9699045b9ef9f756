"""Coordinators invite a provider to an organisation (Wagtail admin, Directory → Organisations:
"Invite a provider" on each organisation)."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from directory.models import Organisation
from directory.providers.forms import InviteProviderForm
from directory.providers.services import invite_provider


class InviteProviderView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """Whoever can change listings (Coordinators): an email address in, an invitation out."""

    permission_required = "directory.change_service"
    raise_exception = True
    form_class = InviteProviderForm
    template_name = "directory/providers/admin_invite.html"
    page_title = gettext_lazy("Invite a provider")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.organisation = get_object_or_404(Organisation, pk=kwargs["organisation_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.organisation)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_success_url(self):
        return self.request.path

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            organisation=self.organisation,
            action_url=self.request.path,
            submit_button_label=_("Send invitation"),
            submit_button_active_label=_("Sending…"),
            members=self.organisation.provider_memberships.select_related("user"),
            **kwargs,
        )

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        invite_provider(self.request, self.organisation, email, self.request.user)
        messages.success(
            self.request, _("Invitation to %(email)s is on its way") % {"email": email}
        )
        return super().form_valid(form)


def invite_url(organisation) -> str:
    return reverse("providers_invite", kwargs={"organisation_id": organisation.pk})
