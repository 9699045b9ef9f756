"""Phone numbers as `tel:` links in any template (portal.phones does the work).

{% load phone_links %}
{{ service_phone.number|phone_link }}  -> <a class="govuk-link signpost-tel" href="tel:+44…">as written</a>
<a href="{{ number|tel_href }}">…</a>  -> just the address, "" when it is not a phone number
{{ description|sanitised|phone_links_in_html }}  -> numbers in the text of sanitised HTML
{% urgent_numbers as urgent %}  -> the adult-at-risk number answered now (portal.hours)
"""

from django import template

from portal import hours, phones
from portal.models import SiteSettings

register = template.Library()


@register.filter(is_safe=True)
def phone_link(text):
    """The text with each phone number in it a `tel:` link showing the number as written."""
    return phones.link_phones(text)


@register.filter(is_safe=True)
def phone_links_in_html(markup):
    """Sanitised HTML (`|sanitised` first) with the numbers in its text made `tel:` links."""
    return phones.link_phones_in_html(markup)


@register.filter
def tel_href(number):
    """`tel:+441142734567` for a phone number as written, or ""."""
    return phones.tel_href(number)


@register.simple_tag(takes_context=True)
def urgent_numbers(context):
    """The safeguarding or out-of-hours number, whichever is answered now (portal.hours)."""
    try:
        site_settings = SiteSettings.for_request(context["request"])
    except (KeyError, SiteSettings.DoesNotExist):  # an error page without a request or site
        site_settings = SiteSettings()
    return hours.urgent_numbers(site_settings, context.get("now"))
