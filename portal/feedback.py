"""Feedback about the service, from the phase banner: one question, one optional comment.

No personal data is asked for (no name, no email: we do not reply), the comment is scrubbed
of emails, phone numbers and postcodes before it is stored, and answers are deleted after
SERVICE_FEEDBACK_RETENTION_DAYS by `purge_expired` (registered in PortalConfig.ready).
Bots are kept out as on the other public forms: a honeypot field, and a rate limit per
client (SERVICE_FEEDBACK_RATE_LIMIT, portal.ratelimit).
"""

import datetime

from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from portal import ratelimit
from portal.forms import HoneypotForm, ScrubbedCommentForm
from portal.models import ServiceFeedback

COMMENT_MAX_LENGTH = ServiceFeedback._meta.get_field("comment").max_length
RATE_LIMITED_MESSAGE = _("You have sent a lot of feedback in a short time. Try again in an hour.")


class ServiceFeedbackForm(HoneypotForm, ScrubbedCommentForm):
    rating = forms.ChoiceField(
        label=_("Overall, how do you feel about this service?"),
        choices=ServiceFeedback.Rating.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select how you feel about this service")},
    )
    comment = forms.CharField(
        label=_("How could we improve this service? (optional)"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea,
        error_messages={
            "max_length": _("Your comment must be %(limit_value)d characters or fewer")
        },
    )


@never_cache
def give_feedback(request):
    """The form (GET), or store an answer and go to the thank-you page (POST)."""
    form = ServiceFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.hit(request, scope="feedback", setting="SERVICE_FEEDBACK_RATE_LIMIT"):
            form.add_error(None, RATE_LIMITED_MESSAGE)
            return render(request, "portal/feedback.html", {"form": form}, status=429)
        if not form.is_spam:
            ServiceFeedback.objects.create(
                rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"]
            )
        return redirect("service_feedback_thanks")
    status = 400 if request.method == "POST" else 200
    return render(request, "portal/feedback.html", {"form": form}, status=status)


def feedback_thanks(request):
    return render(request, "portal/feedback_thanks.html")


def purge(now: datetime.datetime, dry_run: bool, stdout) -> None:
    """Delete feedback older than SERVICE_FEEDBACK_RETENTION_DAYS (a `purge_expired` rule)."""
    days = settings.SERVICE_FEEDBACK_RETENTION_DAYS
    expired = ServiceFeedback.objects.filter(created_at__lt=now - datetime.timedelta(days=days))
    if dry_run:
        stdout.write(
            f"Service feedback: would delete {expired.count()} answers older than {days} days."
        )
        return
    deleted, _by_model = expired.delete()
    stdout.write(f"Service feedback: deleted {deleted} answers older than {days} days.")
