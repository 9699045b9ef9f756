"""Portal views: health check and error pages."""

import logging
import sys

from django.conf import settings
from django.db import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal import health

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request):
    """Liveness for a load balancer: 200 while this node can serve (its database answers),
    503 otherwise. Mail, the outbox, Redis and search never take a node out: staff see those
    on the status page."""
    checks = health.run_checks(settings.LIVENESS_CHECKS)
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def bad_request(request, exception=None):
    """400 (a form too large, too many fields, a broken session) in the site's layout."""
    return _error_page(request, "400.html", 400, fallback="errors/400_standalone.html")


def permission_denied(request, exception=None):
    return _error_page(request, "403.html", 403)


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token: usually open too long, or cookies blocked."""
    return _error_page(request, "403.html", 403, context={"csrf_failure": True})


def _error_page(request, template, status, *, context=None, fallback="500.html"):
    """The error page in the site's layout, or a self-contained one when the layout itself
    cannot be built (it reads site settings and the session, which may be what failed)."""
    try:
        return render(request, template, context, status=status)
    except Exception as error:  # noqa: BLE001 - an error page must always show something
        logger.warning("Error page %s fell back: %s", status, type(error).__name__)
        return render(None, fallback, status=status)


def server_error(request):
    """500, or 503 (with Retry-After) when the database could not answer: a locked or
    restarting database is worth trying again in a moment. Both pages are self-contained:
    the database may be why we are here."""
    if isinstance(sys.exc_info()[1], DatabaseError):
        response = render(None, "503.html", status=503)
        response["Retry-After"] = "30"
        return response
    return render(None, "500.html", status=500)


def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain")
