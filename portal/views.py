"""Portal views: health check, contact details and error pages."""

import logging
import sys

from django.conf import settings
from django.db import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal import health

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = "30"


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


def contact(request):
    """The council's contact details from site settings, linked from every page's footer."""
    return render(request, "portal/contact.html")


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
        return render(None, fallback, context, status=status)


def server_error(request):
    """500, or 503 (with Retry-After) when the database could not answer: a locked or
    restarting database is worth trying again in a moment. The 500 page is self-contained:
    the database may be why we are here."""
    if isinstance(sys.exc_info()[1], DatabaseError):
        return database_unavailable(request)
    return render(None, "500.html", status=500)


def answers_kept_url(request) -> str:
    """On a form that keeps its answers between steps, the address to go back to when a step
    cannot be saved; "" elsewhere. Such a form's view class says so itself, with a
    classmethod `answers_kept_url(**url_kwargs)` returning the step's address (which carries
    no personal data); the address is resolved again when the database failed before the
    view ran (a middleware reading the session)."""
    if request is None:
        return ""
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return ""
    kept_url = getattr(getattr(match.func, "view_class", None), "answers_kept_url", None)
    return kept_url(**match.kwargs) if kept_url else ""


def database_unavailable(request):
    """503 with Retry-After: the database could not answer or save. On a form that keeps its
    answers (see answers_kept_url) the page says the answers so far are kept, links back to
    the step and offers to send this page's answers again; it is built in the site's layout
    when it can be, self-contained otherwise. Elsewhere the self-contained 503 page."""
    resume_url = answers_kept_url(request)
    if resume_url:
        context = {"resume_url": resume_url, "resend_url": "", "resend_fields": []}
        if request.method == "POST":
            context["resend_url"] = request.path
            context["resend_fields"] = [
                (name, value) for name, values in request.POST.lists() for value in values
            ]
        response = _error_page(
            request,
            "errors/not_saved.html",
            503,
            context=context,
            fallback="errors/not_saved_standalone.html",
        )
        add_never_cache_headers(response)  # it may hold the answers just typed
    else:
        response = render(None, "503.html", status=503)
    response["Retry-After"] = RETRY_AFTER_SECONDS
    return response


def session_not_saved(request, response):
    """What to show when the session could not be saved after the view answered (see
    portal.middleware.RetryingSessionMiddleware): the view's own page for that case if it
    gave one (`response.if_session_not_saved`, a callable; e.g. a confirmation of something
    already stored), else the 503 "try again" page."""
    instead = getattr(response, "if_session_not_saved", None)
    if instead is not None:
        try:
            page = instead()
        except Exception as error:  # noqa: BLE001 - fall back to the 503 page
            logger.warning("The page for an unsaved session failed: %s", type(error).__name__)
        else:
            add_never_cache_headers(page)
            return page
    return database_unavailable(request)


def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain")
