"""Recording public suggestions and handling them in the admin (rate limits: portal.ratelimit)."""

from django.utils import timezone

from directory.models import ChangeSuggestion


def record_change(service, cleaned_data: dict) -> ChangeSuggestion:
    return ChangeSuggestion.objects.create(
        service=service,
        kind=ChangeSuggestion.Kind.CHANGE,
        details=cleaned_data["details"],
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
