"""Recording public suggestions and handling them in the admin (rate limits: portal.ratelimit)."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from directory.models import ChangeSuggestion
from directory.patches import SUGGESTION_FIELD_APPLIED
from directory.suggestions.fields import apply_value


def record_change(service, cleaned_data: dict, suggested_fields: dict | None = None):
    return ChangeSuggestion.objects.create(
        service=service,
        kind=ChangeSuggestion.Kind.CHANGE,
        details=cleaned_data.get("details", ""),
        suggested_fields=suggested_fields or {},
        contact_email=cleaned_data.get("contact_email", ""),
    )


def record_new_service(cleaned_data: dict) -> ChangeSuggestion:
    return ChangeSuggestion.objects.create(
        kind=ChangeSuggestion.Kind.NEW,
        details=cleaned_data["details"],
        suggested_fields={"name": cleaned_data["name"]},
        contact_email=cleaned_data.get("contact_email", ""),
    )


def mark_handled(suggestion: ChangeSuggestion, status: str, user) -> None:
    suggestion.status = status
    suggestion.handled_by = user
    suggestion.handled_at = timezone.now()
    suggestion.save(update_fields=["status", "handled_by", "handled_at"])


@transaction.atomic
def apply_suggested_field(suggestion: ChangeSuggestion, key: str, user):
    """Put one suggested value into the listing's latest draft and save it as a new revision
    (not published: the coordinator publishes, or submits it to moderation, as usual).
    Logged against the listing: who applied which field of which suggestion."""
    service = suggestion.service
    listing = service.get_latest_revision_as_object()
    apply_value(listing, key, suggestion.suggested_fields[key])
    revision = listing.save_revision(user=user, log_action=False)
    log(
        instance=service,
        action=SUGGESTION_FIELD_APPLIED,
        user=user,
        revision=revision,
        data={"field": key, "suggestion": str(suggestion.pk)},
    )
    return revision
