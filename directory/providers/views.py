"""Provider pages. `change_listing` is where "Something has changed" in a review email leads."""

from django.shortcuts import get_object_or_404, redirect

from directory.models import Service


def change_listing(request, service_id):
    """Until provider accounts exist: the public "suggest a change" form for the listing."""
    service = get_object_or_404(Service, pk=service_id)
    return redirect("suggestions:suggest_change", service_id=service.pk)
