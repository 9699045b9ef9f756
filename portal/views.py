"""Portal views: health check and error pages."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """JSON status of each dependency; 200 when all are healthy, 503 otherwise."""
    checks = {}
    healthy = True
    for name, dotted_path in settings.HEALTH_CHECKS.items():
        ok, detail = import_string(dotted_path)()
        checks[name] = {"ok": ok, "detail": detail}
        healthy = healthy and ok
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
