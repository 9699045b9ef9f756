"""Forms for the public directory pages: they validate, views stay thin."""

import uuid

from django import forms
from django.core.validators import validate_email
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from directory.models import Service
from portal.forms import HoneypotForm
from portal.phones import uk_mobile_number

EMAIL_MAX_LENGTH = 254  # RFC 5321's limit on a path, as Django's EmailField
PHONE_MAX_LENGTH = 30
EMAIL_FORMAT = _("Enter an email address in the correct format, like name@example.com")


class ShortlistForm(forms.Form):
    """Add or remove one service; `next` is where to go back to (same site only)."""

    service = forms.UUIDField()
    next = forms.CharField(required=False)

    def clean_service(self):
        service_id: uuid.UUID = self.cleaned_data["service"]
        if not Service.objects.live().filter(id=service_id).exists():
            raise forms.ValidationError(_("That service is no longer listed."), code="not_found")
        return service_id

    def safe_next(self, request, default: str) -> str:
        target = (self.data.get("next") or "").strip()
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return target
        return default


def _is_email(text: str) -> bool:
    try:
        validate_email(text)
    except forms.ValidationError:
        return False
    return True


class SendShortlistForm(HoneypotForm):
    """ "Send this list to yourself": by email or by text message, to an address or number
    used once to send (never stored). Only the field for the chosen way is checked, so the
    page works without JavaScript, where both fields show."""

    CHOICES = {"email": _("Email"), "sms": _("Text message")}

    by = forms.ChoiceField(
        label=_("How do you want to get your list?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select how you want to get your list"),
            "invalid_choice": _("Select how you want to get your list"),
        },
    )
    # Both optional here: clean() checks only the one for the chosen way.
    email = forms.CharField(label=_("Email address"), required=False, strip=True)
    phone = forms.CharField(
        label=_("UK mobile phone number"),
        help_text=_("For example, 07700 900 982"),
        required=False,
        strip=True,
    )

    def __init__(self, *args, channels: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["by"].choices = [(channel, self.CHOICES[channel]) for channel in channels]

    def clean(self):
        data = super().clean()
        if data.get("by") == "email":
            data["email"] = self._email(data.get("email", ""))
        elif data.get("by") == "sms":
            data["phone"] = self._phone(data.get("phone", ""))
        return data

    def _email(self, typed: str) -> str:
        if not typed:
            self.add_error("email", _("Enter your email address"))
            return ""
        if len(typed) > EMAIL_MAX_LENGTH or not _is_email(typed):
            self.add_error("email", EMAIL_FORMAT)
            return ""
        return typed

    def _phone(self, typed: str) -> str:
        if not typed:
            self.add_error("phone", _("Enter your mobile phone number"))
            return ""
        number = uk_mobile_number(typed) if len(typed) <= PHONE_MAX_LENGTH else ""
        if not number:
            self.add_error("phone", _("Enter a UK mobile phone number, like 07700 900 982"))
        return number

    @property
    def recipient(self) -> str:
        """The address or number for the chosen way (valid forms only)."""
        return self.cleaned_data["email" if self.cleaned_data["by"] == "email" else "phone"]
