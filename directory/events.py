"""What the directory tells the rest of Signpost, as Django signals (nothing here stores data).

`service_opened`: a visitor opened a listing from a search result (`?from=search`). Sent with
`request`, `service`, `position` (the result's position on its page, or None) and `event_id`
(the search event the link came from, or None). Analytics records it as an anonymous click.
Also sent, with `from_check=True` and no position or search, for a listing opened from a Care
Act check's result page (`?from=check`): analytics records a click tied to no search and
marks that visit's "probably not eligible" check as followed by a listing.
"""

from django.dispatch import Signal

service_opened = Signal()
