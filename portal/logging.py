"""Logging filters: scrub personal data from every record and tag it with the request id.

Attached to the console handler in `LOGGING` (base settings), so no log line leaves the
process with an email address, phone number or full postcode in it.
"""

import logging
import re
from contextvars import ContextVar

from portal.privacy import scrub_text

STANDARD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}

# The id of the request being handled in this thread or task ("-" outside a request).
current_request_id: ContextVar[str] = ContextVar("current_request_id", default="-")


# A request line or URL's query string ("GET /services/?q=memory+cafe&postcode=S6 HTTP/1.1").
QUERY_STRING = re.compile(r"(/[^\s?\"']*)\?[^\s\"']*")


def strip_query_strings(text: str) -> str:
    """Paths kept, query strings (search words, postcodes) dropped: "/services/?q=x" -> "/services/"."""
    return QUERY_STRING.sub(r"\1", text)


class ScrubPersonalDataFilter(logging.Filter):
    """Rewrites each record's message (and any exception text) with personal data removed."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = scrub_text(strip_query_strings(message))
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub_text(record.exc_text)
            # JSON formatters re-render exc_info; leave them only the scrubbed text.
            record.exc_info = None
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            # Django passes the request as `extra`; its repr includes the query string.
            record.request = f"{request.method} {scrub_text(request.path)}"
        for name, value in vars(record).items():
            if name not in STANDARD_ATTRIBUTES and isinstance(value, str):
                setattr(record, name, scrub_text(value))
        return True


class RequestIdFilter(logging.Filter):
    """Adds `record.request_id` so formatters can print it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True
