"""{% prose %}…{% endprose %}: content written in the CMS, ready to read on a phone.

Wraps what it encloses in `<div class="signpost-prose">` (GOV.UK typography for bare
paragraphs, lists, headings, links and tables: static/css/signpost.css) and makes every phone
number in its text a `tel:` link (portal.phones), so an editor who types "call 0114 273 4567"
in an advice page gives visitors a number they can tap. Used once, by includes/prose.html.
"""

from django import template
from django.utils.safestring import mark_safe

from portal.phones import link_phones_in_html

register = template.Library()


@register.tag
def prose(parser, token):
    nodelist = parser.parse(("endprose",))
    parser.delete_first_token()
    return ProseNode(nodelist)


class ProseNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        inner = link_phones_in_html(self.nodelist.render(context))
        return mark_safe(f'<div class="signpost-prose">{inner}</div>')  # noqa: S308 - rendered by templates
