"""Where ORUK records come from: a JSON file (list, paged envelope, full export) or an API.

The only network client of the ORUK importer: every request has a timeout, and failed or
5xx responses are retried with backoff before giving up with `SourceError`.
"""

import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

logger = logging.getLogger(__name__)

REQUEST_TIMEOUT_SECONDS = 20
RETRIES = 3
PER_PAGE = 100
MAX_PAGES = 10_000
MAX_RESPONSE_BYTES = 50 * 1024 * 1024


class SourceError(Exception):
    """The source could not be read; the message is safe to show."""


@dataclass
class Feed:
    """The records of a source: taxonomies first (so parents exist), then services."""

    services: Iterator[dict]
    taxonomies: list[dict] = field(default_factory=list)
    total: int | None = None


def is_url(source: str) -> bool:
    return urllib.parse.urlsplit(source).scheme in {"http", "https"}


def open_feed(source: str, *, timeout: float = REQUEST_TIMEOUT_SECONDS) -> Feed:
    """A Feed for a file path or an http(s) ORUK API address."""
    if is_url(source):
        return Feed(services=iter_api(source, timeout=timeout))
    path = Path(source)
    try:
        with path.open(encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except OSError as error:
        raise SourceError(f"Cannot read {source}: {error.strerror or error}") from error
    except json.JSONDecodeError as error:
        raise SourceError(f"{source} is not valid JSON: {error}") from error
    return feed_from_json(data)


def feed_from_json(data) -> Feed:
    """A list of services, a paged envelope, a full export or a single service."""
    if isinstance(data, list):
        return Feed(services=iter(data), total=len(data))
    if not isinstance(data, dict):
        raise SourceError("The JSON holds neither a list of services nor an object.")
    if isinstance(data.get("services"), list) and "name" not in data:  # export_oruk
        taxonomies = [t for t in data.get("taxonomies") or [] if isinstance(t, dict)]
        return Feed(
            services=iter(data["services"]), taxonomies=taxonomies, total=len(data["services"])
        )
    for key in ("contents", "content"):  # a paged envelope (ORUK uses contents, OpenPlace content)
        if isinstance(data.get(key), list):
            return Feed(services=iter(data[key]), total=len(data[key]))
    if "id" in data and ("name" in data or "service" in data):
        return Feed(services=iter([data]), total=1)  # one service, organization, term…
    raise SourceError(
        "The JSON object has no 'contents' or 'services' list and is not a single record."
    )


def services_url(base_url: str) -> str:
    """The /services endpoint of an API base address (or the address itself if it is one)."""
    parts = urllib.parse.urlsplit(base_url)
    path = parts.path.rstrip("/")
    if not path.endswith("/services"):
        path = f"{path}/services"
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def fetch_json(url: str, *, timeout: float = REQUEST_TIMEOUT_SECONDS, retries: int = RETRIES):
    """GET a JSON document, retrying timeouts, connection errors and 5xx with backoff."""
    if not is_url(url):
        raise SourceError(f"Not an http(s) address: {url}")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url, headers={"Accept": "application/json", "User-Agent": "Signpost ORUK importer"}
    )
    last_error = None
    for attempt in range(retries):
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                body = response.read(MAX_RESPONSE_BYTES + 1)
            if len(body) > MAX_RESPONSE_BYTES:
                raise SourceError(f"{url} returned more than {MAX_RESPONSE_BYTES} bytes.")
            return json.loads(body.decode("utf-8-sig"))
        except urllib.error.HTTPError as error:
            if error.code < 500:
                raise SourceError(f"{url} answered HTTP {error.code}.") from error
            last_error = f"HTTP {error.code}"
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            last_error = str(getattr(error, "reason", error))
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise SourceError(f"{url} did not return JSON.") from error
        logger.warning("ORUK fetch failed (attempt %s of %s): %s", attempt + 1, retries, last_error)
        if attempt + 1 < retries:
            time.sleep(2**attempt)
    raise SourceError(f"{url} could not be fetched after {retries} attempts: {last_error}")


def iter_api(
    base_url: str,
    *,
    timeout: float = REQUEST_TIMEOUT_SECONDS,
    start_page: int = 1,
    on_page: Callable[[int], None] | None = None,
) -> Iterator[dict]:
    """Every service of an ORUK API, following its paging from `start_page`.

    `on_page(page)` is called before each page is fetched, once every record of the pages
    before it has been consumed: an interrupted pull can go on from the last page reported.
    """
    endpoint = services_url(base_url)
    for page in range(max(start_page, 1), MAX_PAGES + 1):
        if on_page is not None:
            on_page(page)
        query = urllib.parse.urlencode({"page": page, "per_page": PER_PAGE})
        data = fetch_json(f"{endpoint}?{query}", timeout=timeout)
        if isinstance(data, list):  # an API that doesn't page
            yield from data
            return
        if not isinstance(data, dict):
            raise SourceError(f"{endpoint} returned neither a page nor a list.")
        contents = data.get("contents", data.get("content")) or []
        yield from contents
        total_pages = data.get("total_pages")
        if (
            not contents
            or data.get("last_page") is True
            or (isinstance(total_pages, int) and page >= total_pages)
        ):
            return
