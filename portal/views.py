"""Portal views: health check and error pages."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal import health


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


def server_error(request):
    # Rendered without a request context: the database may be why we are here.
    return render(request, "500.html", status=500)


def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain")
