"""Checking listings' websites still open: the one place the quality checks go on the internet.

Run only by `manage.py check_websites`, never in a request. Each live listing's website (the
first its page shows: its own, else its organisation's) is asked for with HEAD, then GET when
HEAD is refused or fails with an HTTP error (some servers do not answer HEAD), following
redirects (http and https only), with a timeout, a few at once. The result goes in
`WebsiteCheck`, which the `broken_website` quality check reads.
"""

import http.client
import ssl
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone

from directory.links import web_address
from directory.models import Service, WebsiteCheck
from directory.quality import website_to_check

DEFAULT_TIMEOUT_SECONDS = 10.0
WORKERS = 4
USER_AGENT = "Signpost directory link checker (checks listed websites still open)"


@dataclass(frozen=True)
class WebsiteResult:
    ok: bool
    detail: str = ""


class HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) addresses only."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not web_address(newurl):
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-web address", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


OPENER = urllib.request.build_opener(HttpOnlyRedirects)


def _open(url: str, method: str, timeout: float) -> WebsiteResult:
    request = urllib.request.Request(  # noqa: S310 - web_address() allows http(s) only
        url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*"}
    )
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return WebsiteResult(ok=response.status < 400, detail=f"HTTP {response.status}")
    except urllib.error.HTTPError as error:
        return WebsiteResult(ok=False, detail=f"HTTP {error.code}")
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            return WebsiteResult(ok=False, detail="timed out")
        if isinstance(error.reason, ssl.SSLError | ssl.CertificateError):
            return WebsiteResult(ok=False, detail="security certificate problem")
        return WebsiteResult(ok=False, detail="could not connect")
    except TimeoutError:
        return WebsiteResult(ok=False, detail="timed out")
    except http.client.HTTPException:
        return WebsiteResult(ok=False, detail="not a proper web answer")
    except (ConnectionError, OSError, ValueError):
        return WebsiteResult(ok=False, detail="could not connect")


def check_website(url: str, timeout: float = DEFAULT_TIMEOUT_SECONDS) -> WebsiteResult:
    """Whether the website opens: HEAD, then GET if HEAD got an HTTP error."""
    if not web_address(url):
        return WebsiteResult(ok=False, detail="not a web address")
    result = _open(url, "HEAD", timeout)
    if not result.ok and result.detail.startswith("HTTP "):
        result = _open(url, "GET", timeout)
    return result


def check_websites(
    limit: int | None = None, timeout: float = DEFAULT_TIMEOUT_SECONDS, workers: int = WORKERS
) -> dict[str, int]:
    """Check each live listing's website (least recently checked first) and record the result.

    Returns {"checked": n, "ok": n, "failed": n, "without_website": n}."""
    services = (
        Service.objects.live()
        .select_related("organisation", "website_check")
        .order_by(F("website_check__checked_at").asc(nulls_first=True), "name")
    )
    to_check, without = [], 0
    for service in services:
        url = website_to_check(service)
        if url:
            to_check.append((service, url))
        else:
            without += 1
    if limit is not None:
        to_check = to_check[:limit]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        results = list(pool.map(lambda item: check_website(item[1], timeout), to_check))
    for (service, url), result in zip(to_check, results, strict=True):
        WebsiteCheck.objects.update_or_create(
            service=service,
            defaults={
                "url": url,
                "checked_at": timezone.now(),
                "ok": result.ok,
                "detail": result.detail[:200],
            },
        )
    ok = sum(result.ok for result in results)
    return {
        "checked": len(results),
        "ok": ok,
        "failed": len(results) - ok,
        "without_website": without,
    }
