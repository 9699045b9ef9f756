"""Becoming a provider: claim a listing by a one-time code sent to its public email, or
accept a coordinator's invitation; either way, with a new account or an existing one."""

from django.contrib.auth import login
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from directory.models import Service
from directory.providers import services
from directory.providers.forms import ClaimCodeForm, ProviderAccountForm
from portal import ratelimit

CLAIM_SESSION_KEY = "provider_claim"
NO_MATCH = "The code is wrong or has expired. Check the email, or send a new code."
RATE_LIMITED = "You have tried a lot of codes in a short time. Try again in an hour."
AUTH_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _within_rate(request) -> bool:
    return ratelimit.hit(request, scope="provider_claim", setting="PROVIDER_CLAIM_RATE_LIMIT")


@never_cache
def claim_start(request, service_id):
    """Explains the claim; POST sends the code to the listing's public email."""
    service = get_object_or_404(Service.objects.live(), pk=service_id)
    context = {"service": service, "masked_email": services.mask_email(service.email)}
    if request.method == "POST" and service.email and service.organisation_id:
        if not _within_rate(request):
            return render(
                request,
                "directory/providers/claim_start.html",
                {**context, "error": RATE_LIMITED},
                status=429,
            )
        claim = services.start_claim(service)
        request.session[CLAIM_SESSION_KEY] = str(claim.pk)
        return redirect("providers:claim_code", service_id=service.pk)
    return render(request, "directory/providers/claim_start.html", context)


@never_cache
def claim_code(request, service_id):
    service = get_object_or_404(Service.objects.live(), pk=service_id)
    claim_id = request.session.get(CLAIM_SESSION_KEY)
    if not claim_id:
        return redirect("providers:claim", service_id=service.pk)
    form = ClaimCodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if not _within_rate(request):
            form.add_error(None, RATE_LIMITED)
            status = 429
        elif form.is_valid():
            if services.check_code(claim_id, service, form.cleaned_data["code"]):
                return redirect("providers:claim_complete", service_id=service.pk)
            form.add_error("code", NO_MATCH)
    return render(
        request,
        "directory/providers/claim_code.html",
        {"service": service, "form": form, "masked_email": services.mask_email(service.email)},
        status=status,
    )


@never_cache
def claim_complete(request, service_id):
    """Signed in: the membership is made. Signed out: create an account (or sign in and come
    back here)."""
    service = get_object_or_404(Service.objects.live(), pk=service_id)
    claim = services.verified_claim(request.session.get(CLAIM_SESSION_KEY), service)
    if claim is None:
        return redirect("providers:claim", service_id=service.pk)
    if request.user.is_authenticated:
        services.complete_claim(claim, request.user)
        request.session.pop(CLAIM_SESSION_KEY, None)
        return redirect("providers:change_listing", service_id=service.pk)
    form = ProviderAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.create_provider_account(
            form.cleaned_data["email"], form.cleaned_data["password1"]
        )
        login(request, user, backend=AUTH_BACKEND)
        return redirect("providers:claim_complete", service_id=service.pk)
    return render(
        request,
        "directory/providers/create_account.html",
        {"service": service, "form": form, "organisation": service.organisation},
        status=400 if form.errors else 200,
    )


@never_cache
def accept_invitation(request, token):
    invitation = services.read_invitation(token)
    if invitation is None:
        return render(request, "directory/providers/invitation_invalid.html", status=404)
    context = {"organisation": invitation.organisation}
    if request.user.is_authenticated:
        if not invitation.is_for(request.user.email):
            return render(
                request,
                "directory/providers/invitation_invalid.html",
                {"other_account": True},
                status=403,
            )
        if request.method == "POST":
            services.accept_invitation(invitation, request.user)
            return redirect("providers:home")
        return render(request, "directory/providers/accept_invitation.html", context)
    form = ProviderAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if invitation.is_for(form.cleaned_data["email"]):
            user = services.create_provider_account(
                form.cleaned_data["email"], form.cleaned_data["password1"]
            )
            login(request, user, backend=AUTH_BACKEND)
            services.accept_invitation(invitation, user)
            return redirect("providers:home")
        form.add_error("email", "Use the email address the invitation was sent to")
    return render(
        request,
        "directory/providers/create_account.html",
        {**context, "form": form, "invitation": True},
        status=400 if form.errors else 200,
    )
