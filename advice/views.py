"""The "Was this page helpful?" form handler (works without JavaScript)."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from advice.feedback import record_feedback
from advice.forms import PageFeedbackForm


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


def _thank_you(request, page):
    messages.success(request, _("Thank you for your feedback."))
    return HttpResponseRedirect(page.url + "#feedback")
