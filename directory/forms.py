"""Forms for the public directory pages: they validate, views stay thin."""

import uuid

from django import forms
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from directory.models import Service


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
