"""Phone numbers as `tel:` links in any template (portal.phones does the work).

{% load phone_links %}
{{ service_phone.number|phone_link }}  -> <a class="govuk-link signpost-tel" href="tel:+44…">as written</a>
<a href="{{ number|tel_href }}">…</a>  -> just the address, "" when it is not a phone number
{{ description|sanitised|phone_links_in_html }}  -> numbers in the text of sanitised HTML
"""

from django import template

from portal import phones

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
