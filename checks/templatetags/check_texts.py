"""{% check_text "adult_intro" as text %}: the content staff's wording for one part of a check
page (checks.models.CheckTexts), or "" to keep the template's own."""

from django import template
from wagtail.models import Site

from checks.models import CheckTexts

register = template.Library()


def texts_for(request) -> CheckTexts | None:
    """The site's CheckTexts row, read once a request and never created (Wagtail's
    `for_request` would create the row on a public page view)."""
    if not hasattr(request, "_check_texts"):
        site = Site.find_for_request(request)
        request._check_texts = CheckTexts.objects.filter(site=site).first() if site else None
    return request._check_texts


@register.simple_tag(takes_context=True)
def check_text(context, name: str) -> str:
    request = context.get("request")
    texts = texts_for(request) if request is not None else None
    return texts.text(name) if texts is not None else ""
