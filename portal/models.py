"""The home page, plain content pages (accessibility, privacy, cookies), site settings,
which group is which staff role, and feedback about the service from the phase banner."""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal import sitecache


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Council-wide facts shown on every page: name, numbers, opening hours, logo."""

    council_name = models.CharField(max_length=120, default="Sheffield City Council")
    service_name = models.CharField(max_length=60, default="Signpost")
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_contact_phone = models.CharField(
        _("First Contact phone number"), max_length=30, default="0114 273 4908"
    )
    first_contact_email = models.EmailField(
        _("First Contact email"), default="first.contact@council.example"
    )
    first_contact_hours = models.CharField(
        _("First Contact opening hours"),
        max_length=200,
        default="Monday to Friday, 8:45am to 5pm (not bank holidays)",
    )
    out_of_hours_phone = models.CharField(
        _("Out-of-hours emergency number"),
        max_length=30,
        default="0114 273 4908",
        help_text=_(
            "Adult social care emergencies outside office hours: evenings, weekends and bank "
            "holidays. Shown instead of the safeguarding number at those times."
        ),
    )
    safeguarding_phone = models.CharField(
        _("Safeguarding (adult abuse) number"),
        max_length=30,
        default="0114 273 4908",
        help_text=_("Answered in office hours (below)."),
    )
    office_opens_at = models.TimeField(
        _("Office hours start"),
        default=datetime.time(8, 45),
        help_text=_("Monday to Friday, not bank holidays (UK time)."),
    )
    office_closes_at = models.TimeField(_("Office hours end"), default=datetime.time(17, 0))
    carers_centre_phone = models.CharField(
        _("Carers' centre phone number"), max_length=30, default="0114 272 8362"
    )
    phase_tag = models.CharField(
        _("Phase banner tag"),
        max_length=20,
        default="Beta",
        blank=True,
        help_text=_('Shown in the banner under the header ("Alpha", "Beta"). Empty: no banner.'),
    )
    referral_response_working_days = models.PositiveSmallIntegerField(
        _("First Contact: working days to contact someone who asked for help"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "The confirmation page after a self-referral gives the date by which the team will "
            "be in touch: this many working days after the request, not counting weekends or "
            "England and Wales bank holidays. The staff queue's due dates count the same way."
        ),
    )
    carers_centre_response_working_days = models.PositiveSmallIntegerField(
        _("Carers Centre: working days to contact a carer who asked for support"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_(
            "The same promise for requests routed to the Carers Centre (carers asking for "
            "support for their caring role)."
        ),
    )
    require_mfa_for_all_staff = models.BooleanField(
        _("Require MFA for all staff"),
        default=False,
        help_text=_(
            "Everyone who can use the admin must set up an authenticator app, not only staff "
            "who can see referrals (they always must)."
        ),
    )

    @classmethod
    def for_site(cls, site):
        """The settings for `site`, through the cache: every public page shows them."""
        if site is None:
            return super().for_site(site)  # raises DoesNotExist, as Wagtail does
        return sitecache.site_settings(cls, site)

    @classmethod
    def uncached_for_site(cls, site):
        return super().for_site(site)

    panels = [
        MultiFieldPanel(
            [FieldPanel("council_name"), FieldPanel("service_name"), FieldPanel("logo")], "Council"
        ),
        MultiFieldPanel(
            [
                FieldPanel("first_contact_phone"),
                FieldPanel("first_contact_email"),
                FieldPanel("first_contact_hours"),
                FieldPanel("safeguarding_phone"),
                FieldPanel("office_opens_at"),
                FieldPanel("office_closes_at"),
                FieldPanel("out_of_hours_phone"),
                FieldPanel("carers_centre_phone"),
            ],
            "Contact numbers",
        ),
        MultiFieldPanel([FieldPanel("phase_tag")], "Phase banner"),
        MultiFieldPanel(
            [
                FieldPanel("referral_response_working_days"),
                FieldPanel("carers_centre_response_working_days"),
            ],
            "Self-referrals",
        ),
        MultiFieldPanel([FieldPanel("require_mfa_for_all_staff")], "Staff security"),
    ]

    class Meta:
        verbose_name = "Site settings"


class RoleGroup(models.Model):
    """Which Django group is which staff role of portal/roles.py, by the group's id rather
    than its name, so `sync_roles` finds a renamed role group and names it back."""

    role = models.CharField(max_length=80, unique=True)
    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="signpost_role"
    )

    class Meta:
        verbose_name = "role group"

    def __str__(self):
        return self.role


class HomePage(Page):
    """The front door: search what + where, popular needs, and routes to advice, carers and help.

    The popular needs come from the directory (its `popular_needs` template tag), so the
    portal never imports the directory.
    """

    intro = models.CharField(
        max_length=250,
        default="Find local groups, services and advice to help you stay well and independent.",
    )
    body = RichTextField(blank=True, features=["h2", "h3", "bold", "link", "ol", "ul"])

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    max_count = 1

    class Meta:
        verbose_name = "Home page"


class StandardPage(Page):
    """A plain page: accessibility statement, privacy notice, cookies."""

    summary = models.CharField(max_length=250, blank=True)
    body = RichTextField(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["portal.HomePage"]
    subpage_types: list[str] = []


class ServiceFeedback(models.Model):
    """What a visitor thought of the service, from the phase banner's feedback link.

    Anonymous by design: no name, email or address is asked for, and the comment is scrubbed
    of personal details (portal.privacy) before it is stored. Kept for
    SERVICE_FEEDBACK_RETENTION_DAYS (`purge_expired`).
    """

    class Rating(models.TextChoices):
        VERY_SATISFIED = "very_satisfied", _("Very satisfied")
        SATISFIED = "satisfied", _("Satisfied")
        NEITHER = "neither", _("Neither satisfied nor dissatisfied")
        DISSATISFIED = "dissatisfied", _("Dissatisfied")
        VERY_DISSATISFIED = "very_dissatisfied", _("Very dissatisfied")

    rating = models.CharField(max_length=20, choices=Rating.choices)
    comment = models.TextField(max_length=1200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "service feedback"
        verbose_name_plural = "service feedback"

    def __str__(self):
        return f"{self.get_rating_display()} ({self.created_at:%d %b %Y})"
