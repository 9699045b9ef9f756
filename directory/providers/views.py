"""Provider pages: home, and changing a listing (claims and invitations: claim_views).

Access: a provider changes only the listings of organisations they belong to
(`services.is_provider_of`); anyone else signed in gets a 403 that offers the claim, logged.
"""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from directory.models import Service
from directory.providers import services
from directory.providers.forms import ChangeListingForm


@login_required
def home(request):
    return render(
        request,
        "directory/providers/home.html",
        {
            "organisations": services.organisations_of(request.user),
            "listings": services.listings_of(request.user),
        },
    )


@never_cache
def change_listing(request, service_id):
    service = get_object_or_404(Service, pk=service_id)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not services.is_provider_of(request.user, service):
        services.log_refused(request.user, service, "change_listing")
        return render(
            request, "directory/providers/not_yours.html", {"service": service}, status=403
        )
    listing = service.get_latest_revision_as_object()
    form = ChangeListingForm(request.POST or None, initial=services.change_form_initial(listing))
    if request.method == "POST" and form.is_valid():
        services.submit_change(service, form.cleaned_data, request.user)
        return redirect("providers:change_sent", service_id=service.pk)
    return render(
        request,
        "directory/providers/change_listing.html",
        {"service": service, "listing": listing, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def change_sent(request, service_id):
    service = get_object_or_404(Service, pk=service_id)
    if not services.is_provider_of(request.user, service):
        return redirect("providers:home")
    return render(request, "directory/providers/change_sent.html", {"service": service})
