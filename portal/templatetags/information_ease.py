"""{% information_ease_question "listing" %}: the ASCOF 3D question (portal.information_ease)
below a page's main content, unless this visit has answered or dismissed it already; once
after answering, a "Thank you" in its place."""

from django import template
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from portal import information_ease

register = template.Library()

TEMPLATE = "portal/includes/information_ease.html"
# The unanswered question is the same for every visitor but for the CSRF token and the page
# to come back to: it is rendered once per language, page kind and script prefix with these
# marks in their places, and each page puts its own (escaped, as the template escapes them)
# into a copy. It changes only with the code (the template, the translations).
_TOKEN_MARK, _NEXT_MARK = "\x00csrf\x00", "\x00next\x00"
_rendered_questions: dict[tuple, str] = {}


@register.simple_tag(takes_context=True)
def information_ease_question(context, page_kind: str):
    request = context.get("request")
    if request is None or page_kind not in information_ease.PageKind.values:
        return _hidden()
    if information_ease.take_thanks(request):
        return get_template(TEMPLATE).render({"show": True, "thanks": True})
    if information_ease.state(request):
        return _hidden()
    token = context.get("csrf_token")
    return_to = request.get_full_path()
    if not token or token == "NOTPROVIDED":  # noqa: S105 ({% csrf_token %} leaves it out)
        return get_template(TEMPLATE).render(_question(page_kind, token, return_to))
    key = (get_language(), page_kind, get_script_prefix())
    html = _rendered_questions.get(key)
    if html is None:
        html = get_template(TEMPLATE).render(_question(page_kind, _TOKEN_MARK, _NEXT_MARK))
        _rendered_questions[key] = html
    return mark_safe(  # noqa: S308 - rendered by the template; both values escaped as it does
        html.replace(_TOKEN_MARK, conditional_escape(token)).replace(
            _NEXT_MARK, conditional_escape(return_to)
        )
    )


def _hidden() -> str:
    """What the template gives when the question is not shown (its blank lines)."""
    key = (get_language(), "", "")
    if key not in _rendered_questions:
        _rendered_questions[key] = get_template(TEMPLATE).render({"show": False})
    return _rendered_questions[key]


def _question(page_kind: str, token, return_to: str) -> dict:
    return {
        "show": True,
        "thanks": False,
        "form": information_ease.InformationEaseForm(),
        "page_kind": page_kind,
        "return_to": return_to,
        "csrf_token": token,
    }
