from django.apps import AppConfig

from portal import retention as portal_retention


class ReferralsConfig(AppConfig):
    name = "referrals"
    verbose_name = "Self-referrals"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from referrals import retention  # app registry ready: it imports models

        portal_retention.register("referrals", retention.purge)
