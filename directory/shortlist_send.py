"""'Send this list to yourself': the shortlist as plain text, sent once by GOV.UK Notify.

The Notify templates (ids in NOTIFY_SHORTLIST_EMAIL_TEMPLATE_ID and
NOTIFY_SHORTLIST_SMS_TEMPLATE_ID) hold the council's own words; Signpost fills two fields:
- ((listings)): the services, one block each. Email: name, organisation, each public phone
  number, each address and the listing's full web address. Text message: name, the first
  phone number and the web address, at most SMS_LISTINGS_MAX_CHARS characters; services that
  do not fit are counted in a last line ("and 3 more on your shortlist").
- ((count)): how many services are on the list ("3 services").

The address or phone number goes to Notify and nowhere else (portal.notify).
"""

from collections.abc import Callable

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal import notify

# Notify's text message limit is 918 characters (6 fragments of 153). The listings get 600 of
# them, so a template with up to 165 characters of its own words stays within 5 fragments.
SMS_LISTINGS_MAX_CHARS = 600
# Typographic characters outside the GSM alphabet make a text message cost 2 to 3 times as
# much (70 characters a fragment, not 160): names are sent with plain ones.
GSM_PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})


def channels() -> list[str]:
    """The ways a list can be sent: "email" and "sms" where a template id is configured."""
    if not notify.is_enabled():
        return []
    configured = {
        "email": settings.NOTIFY_SHORTLIST_EMAIL_TEMPLATE_ID,
        "sms": settings.NOTIFY_SHORTLIST_SMS_TEMPLATE_ID,
    }
    return [channel for channel, template_id in configured.items() if template_id]


def _public_phones(service) -> list:
    return [phone for phone in service.phones.all() if phone.is_public]


def _email_block(service, url: str) -> str:
    lines = [service.name]
    if service.organisation:
        lines.append(service.organisation.name)
    for phone in _public_phones(service):
        lines.append(f"{phone.description or _('Phone')}: {phone.number}")
    for service_at_location in service.service_at_locations.all():
        lines.append(service_at_location.location.one_line_address)
    lines.append(url)
    return "\n".join(line for line in lines if line)


def _sms_block(service, url: str) -> str:
    phones = _public_phones(service)
    lines = [service.name.translate(GSM_PLAIN)]
    if phones:
        lines.append(phones[0].number)
    lines.append(url)
    return "\n".join(lines)


def _count(total: int) -> str:
    return ngettext("%(total)d service", "%(total)d services", total) % {"total": total}


def _more(left: int) -> str:
    return ngettext(
        "and %(left)d more on your shortlist", "and %(left)d more on your shortlist", left
    ) % {"left": left}


def sms_listings(blocks: list[str]) -> str:
    """The first blocks that fit in SMS_LISTINGS_MAX_CHARS, with a line counting the rest."""
    for keep in range(len(blocks), -1, -1):
        left = len(blocks) - keep
        text = "\n\n".join([*blocks[:keep], *([_more(left)] if left else [])])
        if len(text) <= SMS_LISTINGS_MAX_CHARS:
            return text
    return _more(len(blocks))


def build_request(
    channel: str, recipient: str, services: list, absolute_url: Callable[[str], str]
) -> notify.NotifyRequest:
    """The Notify request for a list of services; `absolute_url` makes a path a full URL."""
    urls = [absolute_url(service.get_absolute_url()) for service in services]
    if channel == "email":
        template_id = settings.NOTIFY_SHORTLIST_EMAIL_TEMPLATE_ID
        listings = "\n\n".join(map(_email_block, services, urls))
    else:
        template_id = settings.NOTIFY_SHORTLIST_SMS_TEMPLATE_ID
        listings = sms_listings(list(map(_sms_block, services, urls)))
    return notify.NotifyRequest(
        channel=channel,
        template_id=template_id,
        personalisation={"listings": listings, "count": _count(len(services))},
        recipient=recipient,
    )


def send_shortlist(
    channel: str, recipient: str, services: list, absolute_url: Callable[[str], str]
) -> None:
    """Send the list now; raises portal.notify.NotifyUnavailable when Notify cannot."""
    notify.send(build_request(channel, recipient, services, absolute_url))
