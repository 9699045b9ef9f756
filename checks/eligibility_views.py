"""The indicative Care Act checks' pages: /check/ (an adult) and /check/carer/ (a carer).

Start page (GET), then every question, "Check your answers" and the result are answers to a
POST carrying the answers so far (checks.eligibility_flow: nothing is stored, nothing goes in
a URL). Back and Change are buttons in small forms that post the same answers.
"""

from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from checks import eligibility_help as help_
from checks.eligibility import Likelihood
from checks.eligibility_flow import CHECK_ANSWERS, CHECKS, BadAnswers, Check
from checks.eligibility_questions import AnswerForm, PostcodeForm, reason_text
from checks.events import BAND_FOR_LIKELIHOOD, announce_finished, announce_started
from directory.geography import PlaceNotFound, resolve_postcode


def start(request, check: str):
    """What the check is, that it is an indication only, and that nothing is stored."""
    return render(request, "checks/eligibility/start.html", {"check": CHECKS[check]})


@never_cache
def questions(request, check: str):
    """GET: the first question. POST: save this page's answer and show the next page, or go
    back, or change an answer from "Check your answers"."""
    check_ = CHECKS[check]
    if request.method == "GET":
        return _question(request, check_, check_.codes[0], {})
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    try:
        answers = check_.unpack(request.POST.get("answers", ""))
    except BadAnswers:
        return _start_again(request, check_)
    step = request.POST.get("step", "")
    changing = request.POST.get("changing") == "1"
    if step != CHECK_ANSWERS and check_.question(step) is None:
        return _start_again(request, check_)
    if "change" in request.POST:  # a Change button on "Check your answers"
        code = request.POST["change"]
        if check_.question(code) is None:
            return _start_again(request, check_)
        return _question(request, check_, code, answers, changing=True)
    if request.POST.get("go") == "back":
        return _back(request, check_, step, answers, changing)
    if step == CHECK_ANSWERS:
        return _check_answers(request, check_, answers)
    question = check_.question(step)
    form = AnswerForm(question, check_.audience(answers), request.POST)
    if not form.is_valid():
        return _question(request, check_, step, answers, form=form, changing=changing)
    if not answers and step == check_.codes[0]:  # a new run's first answer
        announce_started(request, check_.slug)
    answers = {**answers, step: form.cleaned_data["answer"]}
    next_code = CHECK_ANSWERS if changing else check_.next_code(step)
    return _show(request, check_, next_code, answers)


@never_cache
def result(request, check: str):
    """The indication, why, what to do next, and (with a postcode) support near them."""
    check_ = CHECKS[check]
    if request.method != "POST":
        return redirect(check_.url_names["start"])
    try:
        answers = check_.unpack(request.POST.get("answers", ""))
    except BadAnswers:
        return _start_again(request, check_)
    if check_.first_unanswered(answers):
        return _show(request, check_, CHECK_ANSWERS, answers)
    indication = check_.decide(answers)
    if "postcode" not in request.POST:  # the postcode form shows the same run again
        band = BAND_FOR_LIKELIHOOD[indication.likelihood]
        announce_finished(request, check_.slug, band, request.POST.get("answers", ""))
    audience = check_.audience(answers)
    postcode_form = PostcodeForm(request.POST if "postcode" in request.POST else None)
    place = lookup = None
    if postcode_form.is_valid():
        try:
            place = resolve_postcode(postcode_form.cleaned_data["postcode"])
        except PlaceNotFound as error:
            postcode_form.add_error("postcode", str(error))
    if place is not None:
        lookup = help_.coordinators(postcode_form.cleaned_data["postcode"])
    context = {
        "check": check_,
        "answers_token": check_.pack(answers),
        "indication": indication,
        "likely": indication.likelihood == Likelihood.LIKELY,
        "may_be": indication.likelihood == Likelihood.MAY_BE,
        "probably_not": indication.likelihood == Likelihood.PROBABLY_NOT,
        "for_someone_else": audience == "they",
        "reasons": [reason_text(reason, audience) for reason in indication.unmet]
        + [reason_text(reason, audience) for reason in indication.borderline],
        "struggles": check_.struggle_labels(answers, indication),
        "postcode_form": postcode_form,
        "place": place,
        "support": help_.local_support(check_.slug, indication.struggles, place) if place else [],
        "coordinator_lookup": lookup,
        "advice_pages": help_.advice_pages(check_.slug, indication.struggles),
        "advice_index_url": help_.advice_index_url(),
        "carers_hub_url": help_.carers_hub_url(),
        "assessment_url": reverse("referrals:landing") + ("?as=carer" if check_.is_carer else ""),
    }
    return render(request, "checks/eligibility/result.html", context)


def _show(request, check: Check, code: str, answers: dict):
    if code == CHECK_ANSWERS:
        missing = check.first_unanswered(answers)
        if missing:
            return _question(request, check, missing, answers)
        return _check_answers(request, check, answers)
    return _question(request, check, code, answers)


def _back(request, check: Check, step: str, answers: dict, changing: bool):
    if changing:
        return _show(request, check, CHECK_ANSWERS, answers)
    previous = check.previous_code(step)
    if previous is None:
        return redirect(check.url_names["start"])
    return _question(request, check, previous, answers)


def _question(request, check: Check, code: str, answers: dict, form=None, changing=False):
    question = check.question(code)
    audience = check.audience(answers)
    if form is None:
        initial = {"answer": answers[code]} if code in answers else None
        form = AnswerForm(question, audience, initial=initial)
    context = {
        "check": check,
        "form": form,
        "field": form["answer"],
        "step": code,
        "changing": changing,
        "position": check.position(code),
        "total": len(check.pages),
        "answers_token": check.pack(answers),
        "first": check.position(code) == 1,
    }
    return render(request, "checks/eligibility/question.html", context)


def _check_answers(request, check: Check, answers: dict):
    context = {
        "check": check,
        "rows": check.summary_rows(answers),
        "step": CHECK_ANSWERS,
        "answers_token": check.pack(answers),
    }
    return render(request, "checks/eligibility/check_answers.html", context)


def _start_again(request, check: Check):
    return render(request, "checks/eligibility/start_again.html", {"check": check}, status=400)
