"""What the directory tells the rest of Signpost, as Django signals (nothing here stores data).

`service_opened`: a visitor opened a listing from a search result (`?from=search`). Sent with
`request`, `service`, `position` (the result's position on its page, or None) and `event_id`
(the search event the link came from, or None). Analytics records it as an anonymous click.
"""

from django.dispatch import Signal

service_opened = Signal()
