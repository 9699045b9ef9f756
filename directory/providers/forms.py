"""Provider forms: the claim code, a provider account, a coordinator's invitation and the
listing change form (plain text in; the listing's own fields out)."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from portal.phones import tel_href

EMAIL_ERRORS = {
    "required": _("Enter an email address"),
    "invalid": _("Enter an email address in the correct format, like name@example.com"),
}
URL_ERRORS = {
    "invalid": _("Enter a website address in the correct format, like https://example.org")
}


class ClaimCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        help_text=_("The 6-digit code in the email, for example 123456"),
        max_length=12,
        error_messages={"required": _("Enter the 6-digit code from the email")},
    )

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not (len(code) == 6 and code.isdigit()):
            raise forms.ValidationError(_("The code is 6 digits, like 123456"), code="format")
        return code


class ProviderAccountForm(forms.Form):
    """A provider's own account: email and a strong password (AUTH_PASSWORD_VALIDATORS)."""

    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("You sign in with this. It can be your own work address."),
        error_messages=EMAIL_ERRORS,
    )
    password1 = forms.CharField(
        label=_("Create a password"),
        help_text=_("At least 12 characters. Three or four random words work well."),
        widget=forms.PasswordInput,
        strip=False,
        error_messages={"required": _("Enter a password")},
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        widget=forms.PasswordInput,
        strip=False,
        error_messages={"required": _("Type the password again")},
    )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        users = get_user_model().objects
        if users.filter(email__iexact=email).exists() or users.filter(username=email).exists():
            raise forms.ValidationError(
                _("There is already an account for this email address: sign in instead"),
                code="exists",
            )
        return email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password1")
        if password and cleaned.get("password2") and password != cleaned["password2"]:
            self.add_error("password2", _("The passwords do not match"))
        elif password:
            candidate = get_user_model()(
                username=cleaned.get("email", ""), email=cleaned.get("email", "")
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class InviteProviderForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("We send them a link to join. It works for 14 days."),
        error_messages=EMAIL_ERRORS,
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


def _text(label, help_text="", rows=None, max_length=None):
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput
    return forms.CharField(
        label=label, help_text=help_text, required=False, widget=widget, max_length=max_length
    )


class ChangeListingForm(forms.Form):
    """What a provider may change. Field names are the listing's own where they map one to one;
    `description` is plain text (paragraphs split by blank lines), `phone` the first public
    phone number and `opening_times` the listing's opening times in words."""

    summary = _text(_("Summary"), _("One or two plain sentences."), max_length=300)
    description = _text(
        _("Description"),
        _("What happens, and what to expect. Leave a blank line between paragraphs."),
        rows=8,
    )
    url = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages=URL_ERRORS,
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("Shown on the listing. We send claim codes here."),
        required=False,
        error_messages=EMAIL_ERRORS,
    )
    phone = _text(_("Phone number"), _("For example 0114 273 4567"), max_length=40)
    opening_times = _text(
        _("Opening times"),
        _('In words, for example "Tuesdays 10am to 12 noon, not in August"'),
        max_length=255,
    )
    fees_description = _text(_("Costs"), _("What it costs, or that it is free."), rows=3)
    eligibility = _text(_("Who it is for"), rows=3)
    accessibility_notes = _text(
        _("Accessibility"), _("Step-free access, hearing loop, toilets, parking."), rows=3
    )

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not tel_href(phone):
            raise forms.ValidationError(_("Enter a phone number, like 0114 273 4567"), code="phone")
        return phone
