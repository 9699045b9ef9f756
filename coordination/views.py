"""/local-area-coordination/: what local area coordination is, and who your coordinator is."""

from django.shortcuts import render

from coordination.forms import CoordinatorPostcodeForm
from coordination.lookup import find_coordinators


def find_coordinator(request):
    """The finder page; with a valid ?postcode= it also shows that area's coordinators (400 if invalid)."""
    form = CoordinatorPostcodeForm(request.GET if "postcode" in request.GET else None)
    lookup = find_coordinators(form.cleaned_data["postcode"]) if form.is_valid() else None
    return render(
        request,
        "coordination/find_coordinator.html",
        {"form": form, "lookup": lookup},
        status=400 if form.is_bound and form.errors else 200,
    )
