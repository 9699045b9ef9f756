"""The staff triage queue as a Wagtail viewset (/admin/referrals/): its URLs, its menu item
and its permission policy, the one place that decides who may do what in the queue."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies.base import BasePermissionPolicy

from portal.admin_viewsets import GuardedViewSet
from referrals import admin_views
from referrals.choices import Team
from referrals.models import (
    AUDIT_PERMISSION,
    EXPORT_PERMISSION,
    Referral,
    may_use_queue,
    partners_for_user,
    teams_for_user,
)

CHANGE_PERMISSION = "referrals.change_referral"
CHANGE_ACTIONS = ("change_status", "assign", "add_note", "bulk_assign")
# Handing over: First Contact passes a referral to a partner; the partner's staff answer.
HANDOVER_ACTIONS = ("pass", "respond")


class QueuePermissionPolicy(BasePermissionPolicy):
    """Who may do what in the triage queue (by permission, never by group name).

    - "view" (the queue, a referral): staff with at least one team queue, or a member of a
      partner organisation with the partner queue permission; on one referral, only staff
      of that referral's team, or of the partner it is with (waiting or accepted).
    - "change_status", "assign", "add_note" and "bulk_assign" (each its own POST view): the
      same, and the change permission (referrals.change_referral) as well.
    - "export" (anonymous counts, small numbers suppressed): holders of the export
      permission; queue staff get their teams' referrals, others (Analysts) every team's.
    - "audit" (the audit log): holders of the audit permission.

    Listing the users who may act (`users_with_permission`) is not needed by the queue and
    is left unimplemented, so it fails loudly rather than answering wrongly.
    """

    queue_actions = ("view", *CHANGE_ACTIONS)

    def __init__(self):
        super().__init__(Referral)

    def user_has_permission(self, user, action):
        if action in CHANGE_ACTIONS:
            return may_use_queue(user) and user.has_perm(CHANGE_PERMISSION)
        if action == "view":
            return may_use_queue(user)
        if action == "pass":
            return Team.FIRST_CONTACT in teams_for_user(user) and user.has_perm(CHANGE_PERMISSION)
        if action == "respond":
            return bool(partners_for_user(user)) and user.has_perm(CHANGE_PERMISSION)
        if action == "export":  # anonymous, suppressed counts: Analysts too (#19)
            return user.has_perm(EXPORT_PERMISSION)
        if action == "audit":
            return user.has_perm(AUDIT_PERMISSION)
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.instances_user_has_permission_for(user, action).filter(pk=instance.pk).exists()
        )

    def instances_user_has_permission_for(self, user, action):
        """The referrals the user may `action`: those in their teams' queues, or none."""
        if not self.user_has_permission(user, action):
            return Referral.objects.none()
        if action == "export" and not teams_for_user(user):
            return Referral.objects.all()  # no queue of their own (an Analyst): every team's counts
        if action in (*self.queue_actions, "export"):
            return Referral.objects.for_user(user)
        if action == "pass":
            return Referral.objects.filter(team=Team.FIRST_CONTACT)
        if action == "respond":
            return Referral.objects.with_partner(partners_for_user(user))
        return Referral.objects.none()


class ReferralQueueViewSet(GuardedViewSet):
    name = "referrals_admin"  # the URL namespace, as before the viewset
    url_prefix = "referrals"
    menu_label = _("Referrals")
    icon = "mail"
    menu_order = 250
    permission_policy = QueuePermissionPolicy()

    def get_urlpatterns(self):
        return [
            path("", self.guarded(admin_views.QueueView, "view"), name="index"),
            path("<int:pk>/", self.guarded(admin_views.DetailView, "view"), name="detail"),
            path(
                "<int:pk>/status/",
                self.guarded(admin_views.ChangeStatusView, "change_status"),
                name="change_status",
            ),
            path("<int:pk>/assign/", self.guarded(admin_views.AssignView, "assign"), name="assign"),
            path(
                "<int:pk>/notes/",
                self.guarded(admin_views.AddNoteView, "add_note"),
                name="add_note",
            ),
            path(
                "<int:pk>/pass/",
                self.guarded(admin_views.PassView, "pass"),
                name="pass_to_partner",
            ),
            path(
                "<int:pk>/accept/",
                self.guarded(admin_views.AcceptView, "respond"),
                name="accept",
            ),
            path(
                "<int:pk>/decline/",
                self.guarded(admin_views.DeclineView, "respond"),
                name="decline",
            ),
            path(
                "assign/",
                self.guarded(admin_views.BulkAssignView, "bulk_assign"),
                name="bulk_assign",
            ),
            path("export.csv", self.guarded(admin_views.ExportCountsView, "export"), name="export"),
            path("audit/", self.guarded(admin_views.AuditLogView, "audit"), name="audit"),
        ]
