"""Keep the advice search index (advice.search) in step with the pages that hold advice.

Imported from AdviceConfig.ready(), once the app registry is ready.
"""

import logging

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from advice.models import AdvicePage
from advice.search import index_advice_pages

logger = logging.getLogger(__name__)


def reindex_advice(leaving=()) -> None:
    """Update the advice index. Never raises: an index must never block an editor."""
    try:
        index_advice_pages(leaving)
    except Exception as error:  # noqa: BLE001
        logger.warning("Advice search index not updated: %s", type(error).__name__, exc_info=True)


def _is_advice(page) -> bool:
    """Whether a page is an advice page (a move sends the plain Page, not the specific one)."""
    return issubclass(getattr(page, "specific_class", None) or type(page), AdvicePage)


def page_changed(sender, instance, **kwargs):
    """A page was published or moved: reindex if it is advice or holds some."""
    if _is_advice(instance) or (
        instance.pk is not None and AdvicePage.objects.descendant_of(instance).exists()
    ):
        reindex_advice()


def unpublished(sender, instance, **kwargs):
    """Unpublished, or about to be deleted (Wagtail unpublishes without saving first)."""
    if _is_advice(instance):
        reindex_advice(leaving=[instance.pk])
    else:
        page_changed(sender, instance)


def restriction_changed(sender, instance, raw=False, **kwargs):
    """A section became private or public again."""
    if not raw:
        reindex_advice()


def connect() -> None:
    """Deleting a page needs nothing here: its entry goes with it (CASCADE)."""
    page_published.connect(page_changed, dispatch_uid="advice_index_published")
    page_unpublished.connect(unpublished, dispatch_uid="advice_index_unpublished")
    post_page_move.connect(page_changed, dispatch_uid="advice_index_moved")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"advice_index_restriction_{name}",
        )
