"""Public forms: suggest a change to a listing, or tell us about a new group."""

from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from directory.models import Service
from directory.suggestions import services
from directory.suggestions.fields import SUGGESTIBLE_FIELDS
from directory.suggestions.forms import AddServiceForm, SuggestChangeForm
from portal import ratelimit

RATE_LIMITED_MESSAGE = "You have sent a lot of suggestions in a short time. Try again in an hour."


def _handle(request, form, template, context, save):
    if request.method == "POST" and form.is_valid():
        if not ratelimit.hit(request, scope="suggestion", setting="SUGGESTION_RATE_LIMIT"):
            form.add_error(None, RATE_LIMITED_MESSAGE)
            return render(request, template, {**context, "form": form}, status=429)
        if not form.is_spam:
            save(form.cleaned_data)
        return redirect("suggestions:thanks")
    status = 400 if request.method == "POST" else 200
    return render(request, template, {**context, "form": form}, status=status)


@never_cache
def suggest_change(request, service_id):
    service = get_object_or_404(Service.objects.live(), pk=service_id)
    form = SuggestChangeForm(request.POST or None)
    return _handle(
        request,
        form,
        "directory/suggestions/suggest_change.html",
        {"service": service, "suggested_fields": [form[key] for key in SUGGESTIBLE_FIELDS]},
        lambda data: services.record_change(service, data, form.suggested_fields()),
    )


@never_cache
def add_service(request):
    form = AddServiceForm(request.POST or None)
    return _handle(
        request, form, "directory/suggestions/add_service.html", {}, services.record_new_service
    )


def thanks(request):
    return render(request, "directory/suggestions/thanks.html")
