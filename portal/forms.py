"""Pieces shared by the public forms (advice page feedback, service feedback, suggestions,
sending a shortlist)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.privacy import scrub_text


class HoneypotForm(forms.Form):
    """A `website` field people never see (hidden by CSS and aria-hidden, see
    directory/suggestions/_honeypot.html); bots fill it, and what they send is quietly dropped."""

    website = forms.CharField(required=False, label=_("Leave this blank"), max_length=200)

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))


class ScrubbedCommentForm(forms.Form):
    """A free-text `comment` (declared by the form) stored without emails, phone numbers or
    full postcodes, whatever people type into it."""

    def clean_comment(self) -> str:
        return scrub_text(self.cleaned_data["comment"].strip())
