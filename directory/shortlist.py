"""The shortlist: services someone has saved, kept in their session (no account, no personal data).

Session key "shortlist" holds a list of service id strings, most recently added last. The
self-referral wizard reads the same key to pre-fill "services already looked at".
"""

import uuid

from directory.models import Service

SESSION_KEY = "shortlist"
MAX_ITEMS = 50


def shortlist_ids(session) -> list[str]:
    ids = session.get(SESSION_KEY, [])
    if not isinstance(ids, list):
        return []
    valid = []
    for item in ids:
        try:
            valid.append(str(uuid.UUID(str(item))))
        except ValueError:
            continue
    return valid


def add_to_shortlist(session, service_id) -> list[str]:
    ids = [item for item in shortlist_ids(session) if item != str(service_id)]
    ids.append(str(service_id))
    session[SESSION_KEY] = ids[-MAX_ITEMS:]
    return session[SESSION_KEY]


def remove_from_shortlist(session, service_id) -> list[str]:
    session[SESSION_KEY] = [item for item in shortlist_ids(session) if item != str(service_id)]
    return session[SESSION_KEY]


def shortlisted_services(session):
    """The live services on the shortlist, in the order they were added."""
    ids = shortlist_ids(session)
    by_id = {
        str(service.id): service
        for service in Service.objects.live()
        .filter(id__in=ids)
        .select_related("organisation")
        .prefetch_related("service_at_locations__location", "schedules", "phones")
    }
    return [by_id[item] for item in ids if item in by_id]
