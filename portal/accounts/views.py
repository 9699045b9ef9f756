"""Staff account views: inviting staff (Wagtail admin) and signing out everywhere."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.accounts.forms import InviteStaffForm
from portal.accounts.services import invite_staff_member, sign_out_everywhere


class InviteStaffView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """Administrators only (`auth.add_user`): email and role in, an invitation out."""

    permission_required = "auth.add_user"
    raise_exception = True
    form_class = InviteStaffForm
    template_name = "portal/accounts/invite_staff.html"
    page_title = gettext_lazy("Invite a member of staff")
    header_icon = "mail"
    success_url = reverse_lazy("portal_invite_staff")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            action_url=reverse("portal_invite_staff"),
            submit_button_label=_("Send invitation"),
            submit_button_active_label=_("Sending…"),
            **kwargs,
        )

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        _user, sent = invite_staff_member(
            self.request, email=email, role=form.cleaned_data["role"], invited_by=self.request.user
        )
        if sent:
            messages.success(
                self.request, _("Invitation to %(email)s is on its way") % {"email": email}
            )
        else:
            messages.warning(
                self.request,
                _(
                    "The account for %(email)s was created but the email could not be sent. "
                    "Ask them to use “Forgot your password?” on the sign-in page."
                )
                % {"email": email},
            )
        return super().form_valid(form)


@login_required
@require_http_methods(["GET", "POST"])
def sign_out_everywhere_view(request):
    """Confirm, then end every session of this user on every device."""
    if request.method == "POST":
        sign_out_everywhere(request)
        messages.success(request, _("You have been signed out on every device."))
        return redirect("account_login")
    return render(request, "account/sign_out_everywhere.html")
