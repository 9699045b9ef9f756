"""Storing page feedback and the counts editors see."""

from django.db.models import Count, Q

from advice.models import PageFeedback


def record_feedback(page, *, helpful: bool, comment: str) -> PageFeedback:
    """Store one anonymous answer for a live page."""
    return PageFeedback.objects.create(page=page, helpful=helpful, comment=comment)


def feedback_counts(pages_queryset):
    """Annotate pages with helpful_yes, helpful_no and comments counts."""
    return pages_queryset.annotate(
        helpful_yes=Count("feedback", filter=Q(feedback__helpful=True)),
        helpful_no=Count("feedback", filter=Q(feedback__helpful=False)),
        comments=Count("feedback", filter=~Q(feedback__comment="")),
    )
