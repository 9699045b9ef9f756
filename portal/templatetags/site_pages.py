"""Links to the site's sections (the pages directly under the home page) by slug."""

from django import template

from portal import sitecache

register = template.Library()


@register.simple_tag(takes_context=True)
def section_url(context, slug: str) -> str:
    """{% section_url "advice" as url %}: that section's URL, through the cache ("" if none)."""
    request = context.get("request")
    return sitecache.section_url(request, slug) if request is not None else ""
