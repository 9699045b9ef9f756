"""The anonymous "Was this page helpful?" form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import HoneypotForm, ScrubbedCommentForm

COMMENT_MAX_LENGTH = 500


class PageFeedbackForm(HoneypotForm, ScrubbedCommentForm):
    helpful = forms.TypedChoiceField(
        label=_("Was this page helpful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Select yes if this page was helpful")},
    )
    comment = forms.CharField(
        label=_("How could we make this page better? (optional)"),
        help_text=_("Do not include your name, address or any other personal details."),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _("Your comment must be %(limit_value)d characters or fewer")
        },
    )
