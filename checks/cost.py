"""The "What you might pay" estimate: the national charging rules for one person, worked step
by step. Pure: no database, no request; the figures come in as `Figures` (from the
ChargingFigures site setting, checks/models.py), the answers as `CostAnswers`.

The rules (Care and Support (Charging and Assessment of Resources) Regulations 2014):
- capital over the upper limit: the person pays the full cost of their care;
- capital between the limits: £1 a week of "tariff income" for every £250, or part of £250,
  over the lower limit; capital at or under the lower limit is ignored;
- care at home: the home is never counted; the person keeps the Minimum Income Guarantee (by
  age, plus premiums) and what they spend because of their disability;
- care home: the home is not counted for the first 12 weeks, nor while a partner, a relative
  aged 60 or over or incapacitated, or a child under 18 they are responsible for lives there;
  the person keeps the personal expenses allowance;
- the charge is never more than the cost of the care, and never less than nothing.
"""

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

ZERO = Decimal("0.00")
PENNY = Decimal("0.01")


def pence(amount: Decimal) -> Decimal:
    return Decimal(amount).quantize(PENNY, rounding=ROUND_HALF_UP)


def money(amount: Decimal, *, whole: bool = False) -> str:
    """ "£1,234.50" (or "£23,250" with `whole`), for the working's sentences."""
    return f"£{amount:,.0f}" if whole else f"£{amount:,.2f}"


class CareSetting(StrEnum):
    HOME = "home"
    CARE_HOME = "care_home"


class AgeBand(StrEnum):
    AGE_18_TO_24 = "18_to_24"
    AGE_25_TO_PENSION = "25_to_pension"
    PENSION_AGE = "pension_age"


class DisabilityBenefit(StrEnum):
    NONE = "none"
    STANDARD = "standard"  # PIP daily living standard, Attendance Allowance lower, DLA care middle
    HIGHEST = "highest"  # PIP daily living enhanced, Attendance Allowance higher, DLA care highest


@dataclass(frozen=True)
class Figures:
    """The national figures for one year (weekly amounts in pounds)."""

    year: str
    upper_capital_limit: Decimal
    lower_capital_limit: Decimal
    tariff_step: Decimal
    mig_single_18_to_24: Decimal
    mig_single_25_to_pension_age: Decimal
    mig_single_pension_age: Decimal
    mig_disability_premium: Decimal
    mig_enhanced_disability_premium: Decimal
    mig_carer_premium: Decimal
    personal_expenses_allowance: Decimal
    property_disregard_weeks: int = 12

    @classmethod
    def from_setting(cls, setting) -> "Figures":
        """From a ChargingFigures row (or anything with the same attributes)."""
        names = [name for name in cls.__dataclass_fields__ if name != "year"]
        return cls(year=setting.figures_year, **{name: getattr(setting, name) for name in names})


@dataclass(frozen=True)
class CostAnswers:
    """One person's answers. Amounts in pounds; income and spending are weekly."""

    setting: CareSetting
    age_band: AgeBand
    savings: Decimal = ZERO
    owns_home: bool = False
    home_value: Decimal = ZERO  # what the person's share would sell for, less any mortgage
    qualifying_relative: bool = False  # someone the home must be ignored for still lives there
    state_pension: Decimal = ZERO
    other_pensions: Decimal = ZERO
    benefits: Decimal = ZERO
    disability_benefit: DisabilityBenefit = DisabilityBenefit.NONE
    carers_allowance: bool = False
    disability_costs: Decimal = ZERO  # disability-related expenditure (care at home only)
    care_cost: Decimal | None = None  # the weekly cost of the care, if known


@dataclass(frozen=True)
class Step:
    """One line of the working: what it is, the amount, and a sentence saying why."""

    label: str
    amount: Decimal | None
    explanation: str = ""


@dataclass
class Estimate:
    """The weekly charge for one period (care at home, or a stretch of a care home stay)."""

    title: str
    weekly_charge: Decimal | None  # None: the full cost, which we were not told
    self_funder: bool
    steps: list[Step] = field(default_factory=list)


@dataclass
class CostResult:
    """One estimate, or two for a care home when the home counts after the first 12 weeks."""

    answers: CostAnswers
    figures: Figures
    estimates: list[Estimate]

    @property
    def main(self) -> Estimate:
        return self.estimates[-1]


def tariff_income(capital: Decimal, figures: Figures) -> Decimal:
    """£1 a week for every `tariff_step` (or part of one) over the lower limit; nothing at or
    under the lower limit. (Over the upper limit the person pays the full cost anyway.)"""
    excess = Decimal(capital) - figures.lower_capital_limit
    if excess <= 0:
        return ZERO
    return pence(Decimal(math.ceil(excess / figures.tariff_step)))


def minimum_income_guarantee(answers: CostAnswers, figures: Figures) -> tuple[Decimal, str]:
    """The weekly amount a person cared for at home keeps, and how it is made up."""
    base = {
        AgeBand.AGE_18_TO_24: figures.mig_single_18_to_24,
        AgeBand.AGE_25_TO_PENSION: figures.mig_single_25_to_pension_age,
        AgeBand.PENSION_AGE: figures.mig_single_pension_age,
    }[answers.age_band]
    parts = [_("%(amount)s for a single person of your age") % {"amount": money(base)}]
    total = base
    # The disability premiums are for people under Pension Credit age (whose basic amount is
    # lower); at Pension Credit age the basic amount already allows for them.
    if answers.age_band != AgeBand.PENSION_AGE and answers.disability_benefit in (
        DisabilityBenefit.STANDARD,
        DisabilityBenefit.HIGHEST,
    ):
        total += figures.mig_disability_premium
        parts.append(
            _("%(amount)s disability premium") % {"amount": money(figures.mig_disability_premium)}
        )
        if answers.disability_benefit == DisabilityBenefit.HIGHEST:
            total += figures.mig_enhanced_disability_premium
            parts.append(
                _("%(amount)s enhanced disability premium")
                % {"amount": money(figures.mig_enhanced_disability_premium)}
            )
    if answers.carers_allowance:
        total += figures.mig_carer_premium
        parts.append(_("%(amount)s carer premium") % {"amount": money(figures.mig_carer_premium)})
    return pence(total), _(", plus ").join(parts)


def estimate_cost(answers: CostAnswers, figures: Figures) -> CostResult:
    """The estimate for these answers under these figures, every step shown."""
    if answers.setting == CareSetting.HOME:
        return CostResult(answers, figures, [_estimate(answers, figures, count_home=False)])
    if not answers.owns_home or answers.qualifying_relative:
        return CostResult(answers, figures, [_estimate(answers, figures, count_home=False)])
    weeks = figures.property_disregard_weeks
    return CostResult(
        answers,
        figures,
        [
            _estimate(
                answers,
                figures,
                count_home=False,
                title=_("For the first %(weeks)s weeks") % {"weeks": weeks},
            ),
            _estimate(
                answers,
                figures,
                count_home=True,
                title=_("After the first %(weeks)s weeks") % {"weeks": weeks},
            ),
        ],
    )


def _estimate(answers, figures, *, count_home: bool, title: str = "") -> Estimate:
    at_home = answers.setting == CareSetting.HOME
    steps = [Step(_("Savings and investments"), pence(answers.savings))]
    capital = pence(answers.savings)
    if at_home:
        steps.append(Step(_("Your home"), None, _("Your home is not counted for care at home.")))
    elif answers.owns_home:
        home = pence(answers.home_value)
        if count_home:
            capital += home
            steps.append(
                Step(
                    _("Your home"),
                    home,
                    _(
                        "After the first %(weeks)s weeks in a care home your home is counted, "
                        "unless a partner or a relative who is 60 or over, or disabled, or a "
                        "child under 18 still lives there. You may be able to defer paying (a "
                        "deferred payment agreement) so you do not have to sell it while you "
                        "are alive."
                    )
                    % {"weeks": figures.property_disregard_weeks},
                )
            )
        elif answers.qualifying_relative:
            steps.append(
                Step(
                    _("Your home"),
                    ZERO,
                    _(
                        "Your home is not counted while a partner, a relative who is 60 or over "
                        "or disabled, or a child under 18 still lives there."
                    ),
                )
            )
        else:
            steps.append(
                Step(
                    _("Your home"),
                    ZERO,
                    _(
                        "Your home is not counted for the first %(weeks)s weeks of a permanent "
                        "stay in a care home (the property disregard)."
                    )
                    % {"weeks": figures.property_disregard_weeks},
                )
            )
    steps.append(Step(_("Capital counted"), pence(capital)))

    if capital > figures.upper_capital_limit:
        cost = answers.care_cost
        steps.append(
            Step(
                _("Over the upper capital limit"),
                figures.upper_capital_limit,
                _(
                    "Your capital is more than %(limit)s, so you pay the full cost of your care "
                    "until it falls to that amount."
                )
                % {"limit": money(figures.upper_capital_limit, whole=True)},
            )
        )
        return Estimate(title, pence(cost) if cost is not None else None, True, steps)

    tariff = tariff_income(capital, figures)
    if capital <= figures.lower_capital_limit:
        tariff_why = _("Capital up to %(limit)s is not counted.") % {
            "limit": money(figures.lower_capital_limit, whole=True)
        }
    else:
        tariff_why = _("£1 a week for every %(step)s, or part of %(step)s, over %(limit)s.") % {
            "step": money(figures.tariff_step, whole=True),
            "limit": money(figures.lower_capital_limit, whole=True),
        }
    steps.append(Step(_("Tariff income from capital"), tariff, tariff_why))

    income = pence(answers.state_pension + answers.other_pensions + answers.benefits)
    steps.append(
        Step(
            _("Weekly income"),
            income,
            _("State Pension, other pensions and the benefits you told us about."),
        )
    )
    total = income + tariff
    steps.append(Step(_("Income counted"), pence(total), _("Weekly income plus tariff income.")))

    if at_home:
        mig, made_up = minimum_income_guarantee(answers, figures)
        steps.append(
            Step(
                _("Less the Minimum Income Guarantee"),
                mig,
                _("You keep this much to live on: %(made_up)s.") % {"made_up": made_up},
            )
        )
        dre = pence(answers.disability_costs)
        steps.append(
            Step(
                _("Less disability-related costs"),
                dre,
                _("Extra costs you have because of your disability or illness."),
            )
        )
        available = total - mig - dre
    else:
        pea = figures.personal_expenses_allowance
        steps.append(
            Step(
                _("Less the personal expenses allowance"),
                pea,
                _("You keep this much each week for yourself."),
            )
        )
        available = total - pea

    charge = max(pence(available), ZERO)
    if available < 0:
        steps.append(Step(_("What you can afford"), ZERO, _("Your income is below what you keep.")))
    else:
        steps.append(Step(_("What you can afford"), charge))
    if answers.care_cost is not None and charge > answers.care_cost:
        charge = pence(answers.care_cost)
        steps.append(
            Step(
                _("Capped at the cost of your care"),
                charge,
                _("You never pay more than your care costs."),
            )
        )
    return Estimate(title, charge, False, steps)
