"""{% feedback_sent as sent %}: whether this response follows sending "Was this page helpful?".

The feedback view (no JavaScript) redirects back to the page with a message tagged "feedback";
the form's place then shows the thank-you instead (advice/includes/feedback_form.html), and
includes/messages.html leaves that message out of the banner at the top of the page.
"""

from django import template
from django.contrib.messages import get_messages

register = template.Library()

FEEDBACK_TAG = "feedback"


@register.simple_tag(takes_context=True)
def feedback_sent(context) -> bool:
    request = context.get("request")
    if request is None:
        return False
    return any(FEEDBACK_TAG in message.tags.split() for message in get_messages(request))
