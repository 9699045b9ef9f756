"""The listing editor's forms: the description as limited rich text, opening times as rows,
and the listing's quality problems at the top (`QualityPanel`).

Used by `ServiceViewSet` (directory.wagtail_hooks). Why the editor was slow (#22): every
opening-times row rendered a select of *every* ServiceAtLocation in the directory, each label
costing two queries (its service and its location), once per row and again for the blank
row template. The rows now choose only among this listing's own locations, labelled by the
location, read in one query.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from modelcluster.forms import BaseChildFormSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel, Panel
from wagtail.admin.rich_text import DraftailRichTextArea

from directory.models import ServiceAtLocation
from directory.quality import listing_problems
from directory.sanitise import sanitise_html
from directory.vocabulary import WEEKDAYS

# Paragraphs are always available; bold, lists and links only (no headings, images, embeds).
DESCRIPTION_FEATURES = ["bold", "ol", "ul", "link"]


# nh3 writes line breaks as HTML5 `<br>`; Wagtail's HTML-to-Draftail parser only knows `<br/>`
# and fails on the other ("Unmatched tags"), so the editor would not open such a listing.
HTML5_LINE_BREAK = re.compile(r"<br\s*>", re.IGNORECASE)


class DescriptionEditor(DraftailRichTextArea):
    """Draftail for the stored (sanitised) description."""

    def format_value(self, value):
        return super().format_value(HTML5_LINE_BREAK.sub("<br/>", value or ""))


def description_widget() -> DraftailRichTextArea:
    return DescriptionEditor(features=DESCRIPTION_FEATURES)


class ServiceForm(WagtailAdminModelForm):
    """The listing form: the description is sanitised before it goes into a revision."""

    def clean_description(self):
        return sanitise_html(self.cleaned_data.get("description", ""))


class TimeInput(forms.TimeInput):
    """The browser's own time picker (works without JavaScript; typed as hh:mm)."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class ScheduleForm(WagtailAdminModelForm):
    """One opening-times row: its days as checkboxes, opening and closing times."""

    weekdays = forms.TypedMultipleChoiceField(
        label=_("Days"),
        choices=list(WEEKDAYS.items()),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty if the times are in words only (below)."),
    )

    def clean(self):
        cleaned = super().clean()
        opens_at, closes_at = cleaned.get("opens_at"), cleaned.get("closes_at")
        if closes_at and not opens_at:
            self.add_error("opens_at", _("Enter the opening time as well as the closing time"))
        if (opens_at or closes_at) and not cleaned.get("weekdays"):
            self.add_error("weekdays", _("Choose the days these times are for"))
        return cleaned


class ScheduleFormSet(BaseChildFormSet):
    """Opening-times rows; each row's location is one of this listing's own locations."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        field = form.fields.get("service_at_location")
        if field is None:
            return
        listing_id = self.instance.pk if self.instance is not None else None
        field.queryset = (
            ServiceAtLocation.objects.filter(service_id=listing_id).select_related("location")
            if listing_id and not self.instance._state.adding
            else ServiceAtLocation.objects.none()
        )
        field.label_from_instance = lambda sal: str(sal.location)
        field.empty_label = _("Any of its locations")


class ScheduleInlinePanel(InlinePanel):
    """The opening-times rows, with the row form and formset above."""

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        formset["form"] = ScheduleForm
        formset["formset"] = ScheduleFormSet
        return options


class QualityPanel(Panel):
    """The quality checks the listing fails, as last saved, each with how to fix it
    (directory.quality). Not shown while adding a listing."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "directory/admin/quality_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            adding = self.instance is None or self.instance._state.adding
            self.problems = [] if adding else listing_problems(self.instance)
            self.checked = not adding

        def is_shown(self):
            return self.checked
