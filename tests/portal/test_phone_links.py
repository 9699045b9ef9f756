"""Phone numbers as tap-to-call links (portal.phones and the phone_links template library)."""

import pytest
from django.template import Context, Template

from portal.models import SiteSettings
from portal.phones import link_phones, link_phones_in_html, tel_href, uk_mobile_number


@pytest.mark.parametrize(
    ("written", "href"),
    [
        ("0114 273 4567", "tel:+441142734567"),
        ("01142734567", "tel:+441142734567"),
        ("(0114) 273 4567", "tel:+441142734567"),
        ("0114-273-4567", "tel:+441142734567"),
        ("0114.273.4567", "tel:+441142734567"),
        ("+44 (0)114 273 4567", "tel:+441142734567"),
        ("+44 114 273 4567", "tel:+441142734567"),
        ("+44 0114 273 4567", "tel:+441142734567"),
        ("0044 114 273 4567", "tel:+441142734567"),
        ("07700 900123", "tel:+447700900123"),
        ("0800 123 456", "tel:+44800123456"),
        ("0800 1111", "tel:+448001111"),
        ("016977 3456", "tel:+44169773456"),
        ("+353 1 234 5678", "tel:+35312345678"),
        ("18001 0114 273 4567", "tel:1800101142734567"),
        ("0114 273 4567 ext. 210", "tel:+441142734567"),
        ("999", "tel:999"),
        ("111", "tel:111"),
        ("116 123", "tel:116123"),
        ("", ""),
        (None, ""),
        ("0114 273", ""),
        ("Ask at reception", ""),
        ("09.30 to 17.00", ""),
        ("1012345", ""),
        ("+44 114", ""),
        ("0114 273 4567 8901 2345", ""),
    ],
)
def test_a_number_as_written_becomes_an_international_tel_address(written, href):
    assert tel_href(written) == href


def test_numbers_in_text_are_linked_as_written_and_the_rest_is_escaped():
    html = link_phones("Call 0114 273 4567 (9am to 5pm) or +44 (0)114 273 4568 - ask for <Sam>")
    assert html == (
        'Call <a class="govuk-link signpost-tel" href="tel:+441142734567">0114 273 4567</a>'
        " (9am to 5pm) or "
        '<a class="govuk-link signpost-tel" href="tel:+441142734568">+44 (0)114 273 4568</a>'
        " - ask for &lt;Sam&gt;"
    )


def test_two_numbers_with_a_dash_between_are_two_links():
    html = link_phones("0114 273 4567 - 0114 273 4568")
    assert html.count('class="govuk-link signpost-tel"') == 2


def test_short_numbers_are_links_only_on_their_own():
    assert 'href="tel:999"' in link_phones("999")
    assert link_phones("text SHOUT to 85258") == "text SHOUT to 85258"
    assert link_phones("Open 09.30 to 17.00, £1.50") == "Open 09.30 to 17.00, £1.50"
    assert link_phones(None) == ""


def test_template_filters():
    template = Template(
        '{% load phone_links %}{{ number|phone_link }}|<a href="{{ number|tel_href }}">'
    )
    out = template.render(Context({"number": "0114 273 4567 <b>"}))
    assert out == (
        '<a class="govuk-link signpost-tel" href="tel:+441142734567">0114 273 4567</a> &lt;b&gt;'
        '|<a href="tel:+441142734567">'
    )


@pytest.mark.django_db
def test_site_wide_numbers_are_links(client, site):
    row = SiteSettings.for_site(site)
    row.first_contact_phone = "0114 273 4567"
    row.out_of_hours_phone = "0114 273 6789"
    row.safeguarding_phone = "0114 273 4908"
    row.save()
    html = client.get("/").content.decode()
    for number, href in (
        ("0114 273 4567", "tel:+441142734567"),  # footer
        ("0114 273 6789", "tel:+441142736789"),  # urgent help
        ("0114 273 4908", "tel:+441142734908"),
    ):
        assert f'href="{href}">{number}</a>' in html, number
    assert 'href="tel:999">999</a>' in html and 'href="tel:111">111</a>' in html
    assert 'href="sms:85258">85258</a>' in html  # a number to text, not to call


def test_numbers_in_the_text_of_sanitised_html_are_linked_but_not_inside_links():
    markup = (
        '<p>Call <a href="tel:01724297270">01724 297270</a> or 01724\u00a0291900 &amp; 999.</p>'
        '<p title="0114 273 4567">Booking: 01652 650585.</p>'
    )
    assert link_phones_in_html(markup) == (
        '<p>Call <a href="tel:01724297270">01724 297270</a> or '
        '<a class="govuk-link signpost-tel" href="tel:+441724291900">01724\u00a0291900</a>'
        ' &amp; 999.</p><p title="0114 273 4567">Booking: '
        '<a class="govuk-link signpost-tel" href="tel:+441652650585">01652 650585</a>.</p>'
    )


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("07700 900123", "+447700900123"),
        ("07700-900-123", "+447700900123"),
        ("+44 7700 900123", "+447700900123"),
        ("+44 (0)7700 900123", "+447700900123"),
        ("0044 7700 900123", "+447700900123"),
        ("0114 273 4567", ""),  # a landline cannot take a text message
        ("0770090012", ""),
        ("077009001234", ""),
        ("text 07700 900123", ""),
        ("18001 07700 900123", ""),
        ("+353 87 123 4567", ""),
        ("", ""),
    ],
)
def test_uk_mobile_number_to_send_a_text_message_to(typed, number):
    assert uk_mobile_number(typed) == number
