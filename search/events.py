"""What the search tells the rest of Signpost, as Django signals (nothing here stores data).

`search_performed`: a public search ran. Sent with `request`, `query` (ServiceQuery),
`results` (ServiceResults), `place` (the resolved `directory.geography.Place` or None) and
`is_carer_search`. Analytics records it as an anonymous event and returns the event, whose id
the results page carries in its result links so a click is tied to its search.
"""

from django.dispatch import Signal

from portal.information_ease import is_return_after_answer

search_performed = Signal()


def announce_search(request, query, results, place=None, *, is_carer_search=False) -> int | None:
    """Send `search_performed`; the id of the event a receiver stored for it, or None. Not
    sent for the results page the "Was it easy to find information?" question has just sent
    the visitor back to: that search was counted when it was first shown."""
    if is_return_after_answer(request):
        return None
    responses = search_performed.send(
        sender=type(query),
        request=request,
        query=query,
        results=results,
        place=place,
        is_carer_search=is_carer_search,
    )
    return next((event.pk for _receiver, event in responses if event is not None), None)


# A resident told us what they looked for and could not find (/services/missing/). Sent with
# `request`, `text` (as typed: the receiver scrubs it) and `event_id` (the search it followed,
# or None). Analytics counts it with the unmet need.
missing_reported = Signal()


def announce_missing(request, text: str, event_id: int | None = None) -> None:
    """Send `missing_reported`: nothing is stored here."""
    missing_reported.send(sender=None, request=request, text=text, event_id=event_id)
