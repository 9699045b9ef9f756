"""{% information_ease_question "listing" %}: the ASCOF 3D question (portal.information_ease)
below a page's main content, unless this visit has answered or dismissed it already; once
after answering, a "Thank you" in its place."""

from django import template

from portal import information_ease

register = template.Library()


@register.inclusion_tag("portal/includes/information_ease.html", takes_context=True)
def information_ease_question(context, page_kind: str):
    request = context.get("request")
    if request is None or page_kind not in information_ease.PageKind.values:
        return {"show": False}
    if information_ease.take_thanks(request):
        return {"show": True, "thanks": True}
    if information_ease.state(request):
        return {"show": False}
    return {
        "show": True,
        "thanks": False,
        "form": information_ease.InformationEaseForm(),
        "page_kind": page_kind,
        "return_to": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
