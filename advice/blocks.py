"""StreamField blocks for advice and carers' pages, rendered with GOV.UK Design System markup."""

import logging
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock

from directory.models import Service
from directory.remembered_place import last_search_place
from directory.vocabulary import CATEGORIES
from portal.models import SiteSettings
from search.api import search_services
from search.query import ServiceQuery

logger = logging.getLogger(__name__)

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"]
SHORT_RICH_TEXT_FEATURES = ["bold", "link", "ol", "ul"]
RELATED_SERVICES_RADIUS_MILES = 5.0


def category_choices():
    """Directory categories (codes are fixed in directory.vocabulary), for choosers."""
    return [(code, name) for code, name, _description, _parent in CATEGORIES]


def kind_choices():
    return [("", _("Any kind")), *Service.Kind.choices]


class HeadingBlock(blocks.CharBlock):
    """A section heading (h2); headings make the page's contents list."""

    def __init__(self, **kwargs):
        super().__init__(max_length=120, **kwargs)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = slugify(value)
        return context

    class Meta:
        icon = "title"
        template = "advice/blocks/heading.html"


class CalloutBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[("inset", _("Inset text")), ("warning", _("Warning"))], default="inset"
    )
    text = blocks.RichTextBlock(features=SHORT_RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "advice/blocks/callout.html"
        help_text = _("Inset text for something to notice; warning for something important.")


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    body = blocks.RichTextBlock(features=SHORT_RICH_TEXT_FEATURES)


class StepByStepBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    steps = blocks.ListBlock(StepBlock(), min_num=1)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = slugify(value.get("heading") or "")
        return context

    class Meta:
        icon = "list-ol"
        template = "advice/blocks/step_by_step.html"


class DetailsBlock(blocks.StructBlock):
    summary = blocks.CharBlock(max_length=120, help_text=_("The link text people click."))
    body = blocks.RichTextBlock(features=SHORT_RICH_TEXT_FEATURES)

    class Meta:
        icon = "arrow-down"
        template = "advice/blocks/details.html"
        label = _("Details (show and hide)")


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120)
    description = blocks.TextBlock(required=False)
    site_number = blocks.ChoiceBlock(
        required=False,
        choices=[
            ("first_contact", _("First Contact (from site settings)")),
            ("carers_centre", _("Carers' centre (from site settings)")),
            ("safeguarding", _("Safeguarding (from site settings)")),
        ],
        help_text=_("Use a council number kept up to date in site settings."),
    )
    phone = blocks.CharBlock(required=False, max_length=40)
    email = blocks.EmailBlock(required=False)
    website = blocks.URLBlock(required=False)
    opening_hours = blocks.CharBlock(required=False, max_length=200)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        site_settings = _site_settings(parent_context)
        phone = value.get("phone")
        hours = value.get("opening_hours")
        if value.get("site_number") and site_settings is not None:
            phone = getattr(site_settings, f"{value['site_number']}_phone", "") or phone
            if value["site_number"] == "first_contact" and not hours:
                hours = site_settings.first_contact_hours
        context.update(phone=phone, opening_hours=hours)
        return context

    class Meta:
        icon = "mail"
        template = "advice/blocks/contact.html"


def _site_settings(parent_context):
    request = (parent_context or {}).get("request")
    if request is None:
        return None
    return SiteSettings.for_request(request)


class RelatedServicesBlock(blocks.StructBlock):
    """A live directory query: the nearest listings to the visitor's last search, or a link."""

    heading = blocks.CharBlock(max_length=120, default="Find support near you")
    categories = blocks.MultipleChoiceBlock(choices=category_choices)
    kind = blocks.ChoiceBlock(choices=kind_choices, required=False)
    limit = blocks.IntegerBlock(default=3, min_value=1, max_value=10)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        place = last_search_place(request) if request is not None else None
        context.update(
            place=place,
            hits=related_services(value, place),
            search_url=related_search_url(value),
        )
        return context

    class Meta:
        icon = "site"
        template = "advice/blocks/related_services.html"
        label = _("Related services")


def related_search_url(value) -> str:
    """The public search for this block's categories (never includes a postcode)."""
    params = [("category", code) for code in value.get("categories") or []]
    if value.get("kind"):
        params.append(("kind", value["kind"]))
    return reverse("search:service_search") + "?" + urlencode(params)


def related_services(value, place: dict | None) -> list:
    """Live listings for the block: nearest to `place` within 5 miles, else any in the categories."""
    base = {
        "categories": tuple(value.get("categories") or ()),
        "kind": value.get("kind") or None,
        "per_page": value.get("limit") or 3,
    }
    try:
        if place:
            results = search_services(
                ServiceQuery(
                    latitude=place["latitude"],
                    longitude=place["longitude"],
                    radius_miles=RELATED_SERVICES_RADIUS_MILES,
                    sort="distance",
                    **base,
                )
            )
            if results.hits:
                return results.hits
        return search_services(ServiceQuery(**base)).hits
    except Exception:
        # A failing search backend must not take the advice page down with it.
        logger.exception("Related services search failed")
        return []


class LocalAreaCoordinatorBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Find your local area coordinator")
    text = blocks.TextBlock(
        required=False,
        default="A local area coordinator can help you find support and connect with your community.",
    )

    class Meta:
        icon = "user"
        template = "advice/blocks/lac_finder.html"
        label = _("Find your local area coordinator")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False, max_length=200, help_text=_("Defaults to the file's title.")
    )
    description = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        template = "advice/blocks/document.html"
        label = _("Downloadable document")


class AdviceStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, icon="pilcrow")
    callout = CalloutBlock()
    step_by_step = StepByStepBlock()
    details = DetailsBlock()
    contact = ContactBlock()
    related_services = RelatedServicesBlock()
    local_area_coordinator = LocalAreaCoordinatorBlock()
    document = DocumentBlock()


def contents_from(body) -> list[dict]:
    """[{"title", "anchor"}] for each heading (and headed step-by-step) in a StreamField value."""
    contents = []
    for child in body or []:
        if child.block_type == "heading":
            contents.append({"title": child.value, "anchor": slugify(child.value)})
        elif child.block_type == "step_by_step" and child.value.get("heading"):
            heading = child.value["heading"]
            contents.append({"title": heading, "anchor": slugify(heading)})
    return contents
