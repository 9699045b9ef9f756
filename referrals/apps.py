from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal import mail
from portal import retention as portal_retention


def retry_dead_message(count: int) -> str:
    return ngettext(
        "%(count)s message will be retried", "%(count)s messages will be retried", count
    ) % {"count": count}


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = "Self-referrals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # App registry ready: these import models (and portal.status, Wagtail's admin views).
        from portal import status
        from referrals import outbox, retention

        portal_retention.register("referrals", retention.purge)
        portal_retention.register("staff emails", retention.purge_account_emails)
        # Staff emails (password reset, invitations) leave through the outbox, never the request.
        mail.register_queue(outbox.enqueue_account_email)
        # Administrators hold referrals.change_outboxmessage (no other role does): retrying
        # changes the outbox rows and sends notifications again, an operator's decision.
        status.register_action(
            status.StatusAction(
                name="retry-dead-outbox",
                label=_("Retry dead messages"),
                help_text=_(
                    "Once the mail server or webhook is working again, give every dead outbox "
                    "message a fresh set of tries. The worker sends them within a few minutes."
                ),
                permission="referrals.change_outboxmessage",
                run=outbox.retry_dead,
                done_message=retry_dead_message,
            )
        )
