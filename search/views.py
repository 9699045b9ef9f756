"""The JSON autocomplete endpoint used by the search box (progressive enhancement)."""

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from search.api import suggest

MAX_PREFIX_CHARS = 100


@require_GET
def suggest_view(request):
    """`/services/suggest?q=dem` -> {"query": "dem", "suggestions": ["Memory problems and dementia", …]}."""
    prefix = request.GET.get("q", "")[:MAX_PREFIX_CHARS]
    response = JsonResponse({"query": prefix, "suggestions": suggest(prefix)})
    response["Cache-Control"] = "public, max-age=300"
    return response
