"""The site settings of the checks: the national charging figures the "What you might pay"
estimate uses (checks/cost.py), so a council updates them each April in the admin without a
release; and the explanatory text around the checks' questions and results (`CheckTexts`),
which content staff edit while the rules themselves stay in code.

Defaults are the national figures for 2025 to 2026: the Care and Support (Charging and
Assessment of Resources) Regulations 2014 (SI 2014/2672) regulations 6, 7 and 12 as amended
in 2025, and DHSC's local authority circular "Social care charging for local authorities:
2025 to 2026". The 2026 to 2027 circular was not to hand when this was written: see
docs/checks.md for how to check and update them.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField

CIRCULAR = _('DHSC circular "Social care charging for local authorities: 2025 to 2026"')
REGULATIONS = _("Care and Support (Charging and Assessment of Resources) Regulations 2014")
PENNY = Decimal("0.01")


def money(verbose_name, default, help_text, *, places=2, digits=9):
    return models.DecimalField(
        verbose_name,
        max_digits=digits,
        decimal_places=places,
        default=Decimal(default),
        validators=[MinValueValidator(PENNY)],
        help_text=help_text,
    )


@register_setting(icon="table")
class ChargingFigures(BaseSiteSetting):
    """The figures of the national charging rules, one row per Wagtail site."""

    figures_year = models.CharField(
        _("Year these figures apply to"),
        max_length=40,
        default="2025 to 2026",
        help_text=_(
            'Shown on the estimate ("Figures for 2025 to 2026"). The national figures change '
            "each April: when you update them, change this too. The defaults are the 2025 to "
            "2026 figures (the latest the site was built with)."
        ),
    )
    upper_capital_limit = money(
        _("Upper capital limit (£)"),
        "23250.00",
        _(
            "Above this a person pays the full cost of their care. £23,250 since April 2010 "
            "(regulation 12 of the %(regs)s; %(circular)s)."
        )
        % {"regs": REGULATIONS, "circular": CIRCULAR},
    )
    lower_capital_limit = money(
        _("Lower capital limit (£)"),
        "14250.00",
        _(
            "Capital below this is ignored. £14,250 since April 2010 (regulation 12 of the "
            "%(regs)s)."
        )
        % {"regs": REGULATIONS},
    )
    tariff_step = money(
        _("Tariff income: £1 a week for every (£)"),
        "250.00",
        _(
            "Capital between the limits counts as £1 a week of income for every £250, or part "
            "of £250 (regulation 25 of the %(regs)s)."
        )
        % {"regs": REGULATIONS},
    )
    mig_single_18_to_24 = money(
        _("Minimum Income Guarantee: single, aged 18 to 24 (£ a week)"),
        "89.15",
        _("Regulation 7(2)(a); £89.15 in 2025 to 2026 (%(circular)s).") % {"circular": CIRCULAR},
    )
    mig_single_25_to_pension_age = money(
        _("Minimum Income Guarantee: single, aged 25 to Pension Credit age (£ a week)"),
        "112.50",
        _("Regulation 7(2)(b); £112.50 in 2025 to 2026 (%(circular)s).") % {"circular": CIRCULAR},
    )
    mig_single_pension_age = money(
        _("Minimum Income Guarantee: single, Pension Credit age or over (£ a week)"),
        "232.60",
        _(
            "Regulation 7(2)(c). £228.70 in 2024 to 2025; £232.60 in 2025 to 2026 (uprated by "
            "1.7%% like the other amounts): check it against the %(circular)s."
        )
        % {"circular": CIRCULAR},
    )
    mig_disability_premium = money(
        _("Minimum Income Guarantee: disability premium (£ a week)"),
        "49.65",
        _(
            "Regulation 7(5)(a), single person under Pension Credit age who gets a disability "
            "benefit; £49.65 in 2025 to 2026 (%(circular)s)."
        )
        % {"circular": CIRCULAR},
    )
    mig_enhanced_disability_premium = money(
        _("Minimum Income Guarantee: enhanced disability premium (£ a week)"),
        "24.25",
        _(
            "Regulation 7(5)(b), added to the disability premium for the highest rate of the "
            "care or daily living part; £24.25 in 2025 to 2026 (%(circular)s)."
        )
        % {"circular": CIRCULAR},
    )
    mig_carer_premium = money(
        _("Minimum Income Guarantee: carer premium (£ a week)"),
        "53.25",
        _(
            "Regulation 7(7), for someone who gets Carer's Allowance. £53.25 in 2025 to 2026 "
            "(uprated by 1.7%% from £52.35): check it against the %(circular)s."
        )
        % {"circular": CIRCULAR},
    )
    personal_expenses_allowance = money(
        _("Personal expenses allowance, care home (£ a week)"),
        "30.65",
        _(
            "Regulation 6: what a care home resident keeps for themselves; £30.65 in 2025 to "
            "2026 (%(circular)s)."
        )
        % {"circular": CIRCULAR},
    )
    property_disregard_weeks = models.PositiveSmallIntegerField(
        _("Property disregard on entering a care home (weeks)"),
        default=12,
        validators=[MinValueValidator(1)],
        help_text=_(
            "The home is not counted for the first 12 weeks of a permanent care home stay "
            "(Schedule 2, paragraph 2 of the %(regs)s)."
        )
        % {"regs": REGULATIONS},
    )

    panels = [
        FieldPanel("figures_year"),
        MultiFieldPanel(
            [
                FieldPanel("upper_capital_limit"),
                FieldPanel("lower_capital_limit"),
                FieldPanel("tariff_step"),
            ],
            _("Capital"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mig_single_18_to_24"),
                FieldPanel("mig_single_25_to_pension_age"),
                FieldPanel("mig_single_pension_age"),
                FieldPanel("mig_disability_premium"),
                FieldPanel("mig_enhanced_disability_premium"),
                FieldPanel("mig_carer_premium"),
            ],
            _("Care at home: Minimum Income Guarantee"),
        ),
        MultiFieldPanel(
            [FieldPanel("personal_expenses_allowance"), FieldPanel("property_disregard_weeks")],
            _("Care home"),
        ),
    ]

    class Meta:
        verbose_name = _("Care charging figures")
        verbose_name_plural = _("Care charging figures")

    def clean(self):
        super().clean()
        lower, upper = self.lower_capital_limit, self.upper_capital_limit
        if lower is not None and upper is not None and lower >= upper:
            raise ValidationError(
                {
                    "lower_capital_limit": _(
                        "The lower capital limit must be less than the upper capital limit"
                    )
                }
            )


TEXT_FEATURES = ["bold", "link", "ul", "ol"]
BLANK_HELP = _("Leave blank to use the site's standard wording. ")


def check_text(verbose_name, help_text):
    return RichTextField(
        verbose_name, blank=True, features=TEXT_FEATURES, help_text=BLANK_HELP + help_text
    )


@register_setting(icon="doc-full")
class CheckTexts(BaseSiteSetting):
    """The explanatory text around the checks, one row per Wagtail site. Every field is
    optional: blank, the page shows its standard wording. Only words: which answers lead to
    which result, and every amount, stay in code (checks/eligibility.py, checks/cost.py) and
    in Care charging figures."""

    adult_intro = check_text(
        _("Adult check: introduction"),
        _(
            'Replaces the opening paragraphs of the start page of "Check if you could get care '
            'and support" (above "It takes about 5 minutes").'
        ),
    )
    carer_intro = check_text(
        _("Carer check: introduction"),
        _(
            "Replaces the opening paragraphs of the start page of the carer's check (above "
            '"It takes about 5 minutes").'
        ),
    )
    cost_intro = check_text(
        _("What you might pay: introduction"),
        _(
            'Replaces the opening paragraphs of the start page of "What you might pay for '
            'care" (above "Before you start").'
        ),
    )
    likely_text = check_text(
        _("Result: likely to be eligible"),
        _(
            'Shown under the heading of a "likely" result, in the adult and the carer check, '
            "before the reminder that it is an indication, not a decision (always shown)."
        ),
    )
    may_be_text = check_text(
        _("Result: may be eligible"),
        _('Shown under the heading of a "may be" result, in the adult and the carer check.'),
    )
    probably_not_text = check_text(
        _("Result: probably not eligible"),
        _('Shown under the heading of a "probably not" result, in the adult and the carer check.'),
    )
    cost_result_text = check_text(
        _("What you might pay: the estimate"),
        _("Shown under the warning at the top of the estimate, before the working."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("adult_intro"), FieldPanel("carer_intro"), FieldPanel("cost_intro")],
            _("Start pages"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("likely_text"),
                FieldPanel("may_be_text"),
                FieldPanel("probably_not_text"),
                FieldPanel("cost_result_text"),
            ],
            _("Results"),
        ),
    ]

    class Meta:
        verbose_name = _("Check texts")
        verbose_name_plural = _("Check texts")

    def text(self, name: str) -> str:
        """The field's rich text, or "" when it has no words (an editor's empty paragraph)."""
        value = getattr(self, name, "") or ""
        return value if strip_tags(value).strip() else ""
