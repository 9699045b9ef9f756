"""Upload limits for Wagtail documents (images have Wagtail's own size setting)."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm


class SignpostDocumentForm(BaseDocumentForm):
    """Wagtail's document form with a size limit (WAGTAILDOCS_MAX_UPLOAD_SIZE)."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
        if uploaded and "file" in self.changed_data and uploaded.size > limit:
            raise forms.ValidationError(
                _("The file must be smaller than %(limit)s"),
                params={"limit": filesizeformat(limit)},
            )
        return uploaded
