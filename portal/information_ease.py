""" "Was it easy to find information about support?": the Adult Social Care Survey's
question behind ASCOF measure 3D, asked once per visit below the main content of the search
results (after a search), listing pages, advice pages and the referral confirmation.

Works without JavaScript: the small form POSTs here, and the view redirects back to the page
it came from (a local URL only), where the question's place says "Thank you". Answering or
choosing "Not now" is remembered against the visit key (portal.visits: no cookie, changes
daily) in the cache for a day, so the question is not asked again in that visit. No free
text; the answer goes out as the `information_rated` signal (portal.events), which analytics
stores with the hour, the kind of page and, when the visit searched from a postcode earlier
that day, its ward. Nothing personal is stored. Answers are also rate limited per client
address (INFORMATION_EASE_RATE_LIMIT): beyond it they are thanked but not stored.
"""

from django import forms
from django.core.cache import cache
from django.db import models
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from portal import ratelimit
from portal.events import information_rated
from portal.visits import visit_key

STATE_KEY = "portal:information-ease:{visit}"
STATE_TIMEOUT = 24 * 60 * 60  # the visit key changes daily: a day is the longest it matters
# The page the form just sent this visit back to, so that page's search is not counted twice.
RETURN_KEY = "portal:information-ease-return:{visit}"
RETURN_TIMEOUT = 5 * 60
ANSWERED, DISMISSED = "answered", "dismissed"
SEND, NOT_NOW = "send", "not_now"
MAX_RETURN_URL = 2000
FALLBACK_URL = "/"


class InformationEase(models.TextChoices):
    """The answers, in the Adult Social Care Survey's words (ASCOF 3D)."""

    VERY_EASY = "very_easy", _("Very easy to find")
    FAIRLY_EASY = "fairly_easy", _("Fairly easy to find")
    FAIRLY_DIFFICULT = "fairly_difficult", _("Fairly difficult to find")
    VERY_DIFFICULT = "very_difficult", _("Very difficult to find")
    NEVER_TRIED = "never_tried", _("I've never tried to find information or advice")


# Column headings where all five answers stand side by side (reports).
SHORT_LABELS = {
    InformationEase.VERY_EASY: _("Very easy"),
    InformationEase.FAIRLY_EASY: _("Fairly easy"),
    InformationEase.FAIRLY_DIFFICULT: _("Fairly difficult"),
    InformationEase.VERY_DIFFICULT: _("Very difficult"),
    InformationEase.NEVER_TRIED: _("Never tried"),
}

# ASCOF 3D's measure: the share of people who tried who found it very or fairly easy.
EASY_ANSWERS = (InformationEase.VERY_EASY, InformationEase.FAIRLY_EASY)
TRIED_ANSWERS = tuple(answer for answer in InformationEase if answer != InformationEase.NEVER_TRIED)


class PageKind(models.TextChoices):
    """Where the question was answered."""

    SEARCH = "search", _("Search results")
    LISTING = "listing", _("Listing page")
    ADVICE = "advice", _("Advice page")
    CONFIRMATION = "confirmation", _("Referral confirmation")


class InformationEaseForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Was it easy to find information about support?"),
        choices=InformationEase.choices,
        widget=forms.RadioSelect,
        required=False,  # not needed for "Not now"; checked in clean()
        error_messages={"invalid_choice": _("Select one of the answers")},
    )
    page = forms.ChoiceField(choices=PageKind.choices)
    action = forms.ChoiceField(choices=[(SEND, SEND), (NOT_NOW, NOT_NOW)], required=False)

    def clean(self):
        cleaned = super().clean()
        wants_answer = cleaned.get("action") != NOT_NOW
        if wants_answer and not cleaned.get("answer") and "answer" not in self.errors:
            self.add_error("answer", _("Select how easy it was to find information"))
        return cleaned

    @property
    def dismissed(self) -> bool:
        return self.cleaned_data.get("action") == NOT_NOW


def _state_key(request) -> str:
    return STATE_KEY.format(visit=visit_key(request))


def state(request) -> dict:
    """This visit's state: {"done": ANSWERED | DISMISSED, "thank": bool}, or {} if not asked."""
    if not visit_key(request):
        return {}
    return cache.get(_state_key(request)) or {}


def _remember(request, done: str, thank: bool) -> None:
    cache.set(_state_key(request), {"done": done, "thank": thank}, STATE_TIMEOUT)


def take_thanks(request) -> bool:
    """True once after the visit answered (the page then says "Thank you" instead)."""
    current = state(request)
    if current.get("thank"):
        _remember(request, current["done"], False)
        return True
    return False


def is_return_after_answer(request) -> bool:
    """True once, for the page the question's form has just sent this visit back to: the
    search on a results page was counted when it was first shown, not again on the way back."""
    visit = visit_key(request)
    if not visit or request.method != "GET":
        return False
    key = RETURN_KEY.format(visit=visit)
    if cache.get(key) != request.get_full_path():
        return False
    cache.delete(key)
    return True


def return_url(request) -> str:
    """Where to go back to: the `next` field if it is a path on this site, else the home page."""
    target = (request.POST.get("next") or "")[:MAX_RETURN_URL]
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return FALLBACK_URL


@never_cache
@require_POST
def answer(request):
    """Store an answer (or "Not now") once per visit and go back to the page it came from."""
    form = InformationEaseForm(request.POST)
    target = return_url(request)
    if not form.is_valid():
        return render(
            request,
            "portal/information_ease.html",
            {"form": form, "return_to": target, "page_kind": request.POST.get("page", "")},
            status=400,
        )
    current = state(request)
    if form.dismissed:
        if not current:
            _remember(request, DISMISSED, thank=False)
    elif current.get("done") != ANSWERED:  # one answer per visit, however often it is sent
        _remember(request, ANSWERED, thank=True)
        if ratelimit.hit(request, scope="information-ease", setting="INFORMATION_EASE_RATE_LIMIT"):
            information_rated.send(
                InformationEaseForm,
                request=request,
                answer=form.cleaned_data["answer"],
                page_kind=form.cleaned_data["page"],
                visit=visit_key(request),
            )
    page = target.split("#")[0]
    if visit_key(request):
        cache.set(RETURN_KEY.format(visit=visit_key(request)), page, RETURN_TIMEOUT)
    return HttpResponseRedirect(f"{page}#information-ease-section")
