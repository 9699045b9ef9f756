"""The "What you might pay" pages. Nothing is stored on the server: no session, no database,
no log of the amounts. The answers so far travel in the page itself, as a signed hidden field
posted back with each question (signed so the working is computed only from answers that
passed the forms); every page is a POST to one address, so no amount is ever in a URL."""

from decimal import Decimal

from django.core import signing
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from checks import cost_forms as forms
from checks.cost import (
    AgeBand,
    CareSetting,
    CostAnswers,
    DisabilityBenefit,
    Figures,
    estimate_cost,
)
from checks.events import CheckKind, announce_finished, announce_started
from checks.models import ChargingFigures

SALT = "checks.cost.answers"
RESULT = "result"


def _care_home(answers):
    return answers.get("where", {}).get("where") == CareSetting.CARE_HOME


def _at_home(answers):
    return answers.get("where", {}).get("where") == CareSetting.HOME


def _premiums_apply(answers):
    """The disability premiums are for people under Pension Credit age cared for at home."""
    return _at_home(answers) and answers.get("age", {}).get("age_band") != AgeBand.PENSION_AGE


def _owns_home(answers):
    return _care_home(answers) and answers.get("owns-home", {}).get("owns_home") == "yes"


# (step, form, asked when): the order of the questions.
STEPS = [
    ("where", forms.WhereForm, None),
    ("age", forms.AgeForm, None),
    ("savings", forms.SavingsForm, None),
    ("owns-home", forms.OwnsHomeForm, _care_home),
    ("home-value", forms.HomeValueForm, _owns_home),
    ("relative", forms.RelativeForm, _owns_home),
    ("income", forms.IncomeForm, None),
    ("disability-benefit", forms.DisabilityBenefitForm, _premiums_apply),
    ("carer", forms.CarerForm, _at_home),
    ("disability-costs", forms.DisabilityCostsForm, _at_home),
    ("care-cost", forms.CareCostForm, None),
]
FORMS = {name: form for name, form, _when in STEPS}


def steps_for(answers: dict) -> list[str]:
    """The questions these answers lead to, in order."""
    return [name for name, _form, when in STEPS if when is None or when(answers)]


def figures_for(request) -> Figures:
    """The site's figures; the national defaults if the council has not saved any yet (read
    only: Wagtail's `for_request` would create the row on a public page view)."""
    site = Site.find_for_request(request)
    row = ChargingFigures.objects.filter(site=site).first() if site else None
    return Figures.from_setting(row or ChargingFigures())


def start(request):
    """The start page: what the estimate is, that nothing is stored, the year of the figures."""
    return render(request, "checks/cost/start.html", {"figures": figures_for(request)})


@never_cache
@require_http_methods(["GET", "POST"])
def questions(request):
    """GET: the first question. POST: the answer to one question (or "Back"): the next page."""
    if request.method == "GET":
        return _question(request, STEPS[0][0], {}, FORMS[STEPS[0][0]]())
    answers = _load(request.POST.get("answers", ""))
    if answers is None:  # tampered with or from an older version: start again
        return _question(request, STEPS[0][0], {}, FORMS[STEPS[0][0]](), status=400)
    steps = steps_for(answers)
    step = request.POST.get("step", "")
    if step == RESULT and "back" in request.POST:
        return _question(request, steps[-1], answers, _prefilled(steps[-1], answers))
    earlier = steps[: steps.index(step)] if step in steps else steps
    unanswered = [name for name in earlier if name not in answers]
    if unanswered:  # a later question sent before the earlier ones: the first unanswered
        return _question(request, unanswered[0], answers, _prefilled(unanswered[0], answers))
    if "back" in request.POST:
        here = steps.index(step)
        if here == 0:
            return start(request)
        previous = steps[here - 1]
        return _question(request, previous, answers, _prefilled(previous, answers))
    form = FORMS[step](request.POST)
    if not form.is_valid():
        return _question(request, step, answers, form)
    if not answers and step == STEPS[0][0]:  # a new run's first answer
        announce_started(request, CheckKind.COST)
    answers = {**answers, step: form.answers()}
    steps = steps_for(answers)
    answers = {name: value for name, value in answers.items() if name in steps}
    later = steps[steps.index(step) + 1 :]
    if later:  # the next question in order, with its answer if it has one (after "Back")
        return _question(request, later[0], answers, _prefilled(later[0], answers))
    missing = [name for name in steps if name not in answers]
    if missing:
        return _question(request, missing[0], answers, _prefilled(missing[0], answers))
    # Finished: the kind only, never an amount; `run` names this last posted page.
    announce_finished(request, CheckKind.COST, "", request.POST.get("answers", ""))
    return _result(request, answers)


def _question(request, step, answers, form, status=200):
    return render(
        request,
        "checks/cost/question.html",
        {"form": form, "step": step, "token": _dump(answers), "first": step == STEPS[0][0]},
        status=status,
    )


def _result(request, answers):
    figures = figures_for(request)
    result = estimate_cost(build_answers(answers), figures)
    return render(
        request,
        "checks/cost/result.html",
        {"result": result, "figures": figures, "token": _dump(answers), "step": RESULT},
    )


def _prefilled(step, answers):
    return FORMS[step](initial=answers.get(step, {}))


def _dump(answers: dict) -> str:
    return signing.dumps(answers, salt=SALT, compress=True)


def _load(token: str) -> dict | None:
    if not token:
        return {}
    try:
        answers = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return answers if isinstance(answers, dict) else None


def _money(value: str | None) -> Decimal:
    return Decimal(value) if value else Decimal("0.00")


def build_answers(answers: dict) -> CostAnswers:
    """CostAnswers from the answers of every step (strings, as the forms cleaned them)."""
    flat = {key: value for step in answers.values() for key, value in step.items()}
    care_cost = flat.get("care_cost")
    return CostAnswers(
        setting=CareSetting(flat["where"]),
        age_band=AgeBand(flat["age_band"]),
        savings=_money(flat.get("savings")),
        owns_home=flat.get("owns_home") == "yes",
        home_value=_money(flat.get("home_value")),
        qualifying_relative=flat.get("qualifying_relative") == "yes",
        state_pension=_money(flat.get("state_pension")),
        other_pensions=_money(flat.get("other_pensions")),
        benefits=_money(flat.get("benefits")),
        disability_benefit=DisabilityBenefit(flat.get("disability_benefit") or "none"),
        carers_allowance=flat.get("carers_allowance") == "yes",
        disability_costs=_money(flat.get("disability_costs")),
        care_cost=Decimal(care_cost) if care_cost else None,
    )
