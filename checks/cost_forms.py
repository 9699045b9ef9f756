"""The question pages of "What you might pay": one question (or one small group) a page,
GOV.UK-style messages. Each form's `answers()` gives its cleaned answers as strings, which
travel between pages in a signed hidden field (checks/cost_views.py), never stored."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from checks.cost import AgeBand, CareSetting, DisabilityBenefit

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
MONEY_RE = re.compile(r"^\d+(\.\d{1,2})?$")
MAX_AMOUNT = Decimal("100000000")  # £100 million: more is a typing slip, not a fortune


class MoneyField(forms.CharField):
    """An amount of money, typed as people type it ("£2,500", "2500.50"): a Decimal or None.

    `what` names the amount in messages ("your savings"); `required_message` says what to do
    when it is left empty (only for required fields)."""

    def __init__(self, *, what: str, required_message: str = "", **kwargs):
        self.what = what
        super().__init__(
            required=bool(required_message),
            error_messages={"required": required_message},
            **kwargs,
        )

    def to_python(self, value):
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        cleaned = text.replace(",", "").replace(" ", "").removeprefix("£")
        if cleaned.startswith("-"):
            raise forms.ValidationError(
                _("%(What)s must be £0 or more") % {"What": self.what[:1].upper() + self.what[1:]}
            )
        if len(cleaned) > 30 or not MONEY_RE.match(cleaned):
            raise forms.ValidationError(
                _("Enter %(what)s as an amount of money, like 2500 or 2500.50")
                % {"what": self.what}
            )
        try:
            amount = Decimal(cleaned)
        except InvalidOperation as error:  # pragma: no cover - the pattern rules this out
            raise forms.ValidationError(_("Enter an amount of money")) from error
        if amount >= MAX_AMOUNT:
            raise forms.ValidationError(
                _("%(What)s must be less than £100,000,000")
                % {"What": self.what[:1].upper() + self.what[1:]}
            )
        return amount


def radio(label, choices, message, help_text=""):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": message, "invalid_choice": message},
    )


class CostStepForm(forms.Form):
    """A question page. `heading` (for a group of inputs) is the fieldset's legend; a page
    with one question has its label as the heading."""

    heading = ""
    hint = ""

    @property
    def page_heading(self) -> str:
        return self.heading or next(iter(self.fields.values())).label

    @property
    def is_group(self) -> bool:
        return len(self.fields) > 1

    def answers(self) -> dict[str, str]:
        """The cleaned answers as strings (empty amounts as "")."""
        return {
            name: "" if value is None else str(value) for name, value in self.cleaned_data.items()
        }

    def error_links(self):
        """(anchor, message) for the error summary: a radio question links to its first option."""
        links = []
        for name, errors in self.errors.items():
            anchor = self[name].auto_id
            if isinstance(self.fields[name].widget, forms.RadioSelect):
                anchor = f"{anchor}_0"
            links.extend((anchor, error) for error in errors)
        return links


class WhereForm(CostStepForm):
    where = radio(
        _("Where will you get care?"),
        [
            (CareSetting.HOME, _("At home")),
            (CareSetting.CARE_HOME, _("In a care home, living there permanently")),
        ],
        _("Select where you will get care"),
    )


class AgeForm(CostStepForm):
    age_band = radio(
        _("How old are you?"),
        [
            (AgeBand.AGE_18_TO_24, _("18 to 24")),
            (AgeBand.AGE_25_TO_PENSION, _("25 or over, but under State Pension age")),
            (AgeBand.PENSION_AGE, _("State Pension age or over")),
        ],
        _("Select how old you are"),
        help_text=_("State Pension age is 66 for most people."),
    )


class SavingsForm(CostStepForm):
    savings = MoneyField(
        what=_("your savings"),
        required_message=_("Enter your savings and investments, or 0 if you have none"),
        label=_("How much do you have in savings and investments?"),
        help_text=_(
            "Include bank and building society accounts, cash, ISAs, shares and Premium Bonds. "
            "Do not include your home."
        ),
    )


class OwnsHomeForm(CostStepForm):
    owns_home = radio(
        _("Do you own your home?"),
        YES_NO,
        _("Select yes if you own your home"),
        help_text=_("On your own or with someone else."),
    )


class HomeValueForm(CostStepForm):
    home_value = MoneyField(
        what=_("the value of your home"),
        required_message=_("Enter how much your home is worth"),
        label=_("How much is your home worth?"),
        help_text=_(
            "What your share would sell for, less any mortgage. If you own it with someone "
            "else, enter your share."
        ),
    )


class RelativeForm(CostStepForm):
    qualifying_relative = radio(
        _("Does someone still live in your home who we must ignore it for?"),
        YES_NO,
        _("Select yes if one of these people still lives in your home"),
        help_text=_(
            "Your husband, wife or partner; a relative who is 60 or over, or disabled; or a "
            "child under 18 you are responsible for."
        ),
    )


class IncomeForm(CostStepForm):
    heading = _("What is your weekly income?")
    hint = _("Enter amounts for each week. Leave a box empty if you do not get that income.")
    state_pension = MoneyField(what=_("your State Pension"), label=_("State Pension"))
    other_pensions = MoneyField(
        what=_("your other pensions"),
        label=_("Other pensions"),
        help_text=_("Work and private pensions, after tax."),
    )
    benefits = MoneyField(
        what=_("your benefits"),
        label=_("Benefits"),
        help_text=_(
            "For example Attendance Allowance, Personal Independence Payment (daily living part), "
            "Disability Living Allowance (care part), Pension Credit, Employment and Support "
            "Allowance. Do not include the mobility part of PIP or DLA: it is not counted."
        ),
    )


class DisabilityBenefitForm(CostStepForm):
    disability_benefit = radio(
        _("Do you get a benefit for help with personal care?"),
        [
            (DisabilityBenefit.NONE, _("No")),
            (
                DisabilityBenefit.STANDARD,
                _("Yes, the lower or standard rate"),
            ),
            (
                DisabilityBenefit.HIGHEST,
                _("Yes, the higher, highest or enhanced rate"),
            ),
        ],
        _("Select whether you get a benefit for help with personal care"),
        help_text=_(
            "Attendance Allowance, the daily living part of Personal Independence Payment, or "
            "the care part of Disability Living Allowance."
        ),
    )


class CarerForm(CostStepForm):
    carers_allowance = radio(
        _("Do you get Carer's Allowance?"),
        YES_NO,
        _("Select yes if you get Carer's Allowance"),
    )


class DisabilityCostsForm(CostStepForm):
    disability_costs = MoneyField(
        what=_("your disability costs"),
        label=_("How much do you spend each week because of your disability or illness?"),
        help_text=_(
            "For example extra heating or laundry, a community alarm, special clothing or diet, "
            "or care you pay for yourself. Leave it empty if none."
        ),
    )


class CareCostForm(CostStepForm):
    care_cost = MoneyField(
        what=_("the cost of your care"),
        label=_("How much does your care cost each week?"),
        help_text=_(
            "From your care plan or the care home's fees. Leave it empty if you do not know yet."
        ),
    )
