"""Keep the search index in step with the directory: publish, unpublish, edit, delete.

Handlers reload the service from the database, so a draft revision saved on the instance
never reaches the index; only what is live is indexed.
"""

import logging

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from wagtail.signals import published, unpublished

from directory.models import Location, Organisation, Schedule, Service, ServiceAtLocation
from search import categories
from search.backends import database_backend, get_backend

logger = logging.getLogger(__name__)

# Saves touching only these fields (draft revisions, locking) don't change what is live.
NON_CONTENT_FIELDS = frozenset(
    {
        "latest_revision",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "latest_revision_created_at",
        "first_published_at",
        "last_published_at",
        "go_live_at",
        "expire_at",
        "expired",
        "live_revision",
    }
)


def reindex_services(service_ids) -> None:
    """Reindex (or remove, when not live) services in every configured backend. Never raises."""
    service_ids = [service_id for service_id in service_ids if service_id is not None]
    if not service_ids:
        return
    backends = [database_backend()]
    configured = get_backend()
    if configured.name != "database":
        backends.append(configured)
    for backend in backends:
        try:
            backend.index(service_ids)
        except Exception as error:  # noqa: BLE001 (an index must never block an editor's save)
            logger.warning(
                "Search index (%s) not updated for %d services: %s",
                backend.name,
                len(service_ids),
                type(error).__name__,
                exc_info=True,
            )


def remove_services(service_ids) -> None:
    """Remove services from every configured backend's index. Never raises."""
    backends = [database_backend()]
    configured = get_backend()
    if configured.name != "database":
        backends.append(configured)
    for backend in backends:
        try:
            backend.remove(service_ids)
        except Exception as error:  # noqa: BLE001 (deleting a listing must not fail on the index)
            logger.warning(
                "Search index (%s) removal failed: %s", backend.name, type(error).__name__
            )


def service_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw:
        return
    if update_fields is not None and set(update_fields) <= NON_CONTENT_FIELDS:
        return
    reindex_services([instance.pk])


def service_published(sender, instance, **kwargs):
    reindex_services([instance.pk])


def service_deleting(sender, instance, **kwargs):
    remove_services([instance.pk])


def terms_changed(sender, instance, action, pk_set=None, reverse=False, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:
        reindex_services(list(instance.services.values_list("pk", flat=True)))
    else:
        reindex_services([instance.pk])


def service_at_location_changed(sender, instance, raw=False, origin=None, **kwargs):
    """A place or opening time of a service changed (ServiceAtLocation or Schedule rows)."""
    if raw:
        return
    # Deleting a service cascades to its locations: the service leaves the index anyway.
    origin_model = getattr(origin, "model", type(origin))
    if origin is not None and issubclass(origin_model, Service):
        return
    reindex_services([instance.service_id])


def organisation_saved(sender, instance, raw=False, **kwargs):
    """Results show the organisation's name and the index matches it: reindex its services."""
    if raw:
        return
    reindex_services(list(instance.services.values_list("pk", flat=True)))


def location_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    reindex_services(list(instance.service_at_locations.values_list("service_id", flat=True)))


def connect() -> None:
    """Connect the handlers to the directory's models (search.apps, once the models are ready)."""
    post_save.connect(service_saved, sender=Service, dispatch_uid="search_service_saved")
    published.connect(service_published, sender=Service, dispatch_uid="search_service_published")
    unpublished.connect(
        service_published, sender=Service, dispatch_uid="search_service_unpublished"
    )
    pre_delete.connect(service_deleting, sender=Service, dispatch_uid="search_service_deleting")
    m2m_changed.connect(
        terms_changed, sender=Service.taxonomy_terms.through, dispatch_uid="search_terms_changed"
    )
    post_save.connect(
        service_at_location_changed, sender=ServiceAtLocation, dispatch_uid="search_sal_saved"
    )
    post_delete.connect(
        service_at_location_changed, sender=ServiceAtLocation, dispatch_uid="search_sal_deleted"
    )
    post_save.connect(location_saved, sender=Location, dispatch_uid="search_location_saved")
    # Results show opening times from the index (search.query.ListedService).
    post_save.connect(
        service_at_location_changed, sender=Schedule, dispatch_uid="search_schedule_saved"
    )
    post_delete.connect(
        service_at_location_changed, sender=Schedule, dispatch_uid="search_schedule_deleted"
    )
    post_save.connect(
        organisation_saved, sender=Organisation, dispatch_uid="search_organisation_saved"
    )
    categories.connect()  # the results page's cached categories
