"""The staff triage queue in the Wagtail admin: /admin/referrals/ (see referrals.viewsets)."""

from wagtail import hooks

from referrals.viewsets import ReferralQueueViewSet


@hooks.register("register_admin_viewset")
def register_queue_viewset():
    return ReferralQueueViewSet()
