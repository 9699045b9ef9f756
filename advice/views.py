"""The "Was this page helpful?" form handler (works without JavaScript).

Without JavaScript, sending redirects back to the page at #feedback, where the thank-you has
taken the form's place (a message tagged "feedback": advice.templatetags.advice_feedback).
signpost.js sends the form itself with a `Signpost-Fragment: feedback` header and gets just
the thank-you back, to put in the form's place and focus.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from advice.feedback import record_feedback
from advice.forms import PageFeedbackForm
from advice.templatetags.advice_feedback import FEEDBACK_TAG


@require_POST
def page_feedback(request, page_id: int):
    page = Page.objects.live().public().filter(id=page_id).first()
    if page is None:
        raise Http404
    form = PageFeedbackForm(request.POST)
    if form.is_spam:
        return _thank_you(request, page)
    if not form.is_valid():
        return render(
            request,
            "advice/page_feedback.html",
            {"form": form, "feedback_page": page},
            status=400,
        )
    record_feedback(
        page, helpful=form.cleaned_data["helpful"], comment=form.cleaned_data["comment"]
    )
    return _thank_you(request, page)


FRAGMENT_HEADER = "Signpost-Fragment"


def _thank_you(request, page):
    if request.headers.get(FRAGMENT_HEADER) == "feedback":
        return render(request, "advice/includes/feedback_thanks.html")
    messages.success(request, _("Thank you for your feedback."), extra_tags=FEEDBACK_TAG)
    return HttpResponseRedirect(page.url + "#feedback")
