"""Staff account operations: invitations and signing out everywhere."""

import logging

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.models import Group
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from portal import mail

logger = logging.getLogger(__name__)


def invitation_url(request, user) -> str:
    """The one-time link where an invitee sets their password (allauth's reset-from-key).

    The token is tied to the password hash and last login, so it stops working once used,
    and after PASSWORD_RESET_TIMEOUT seconds.
    """
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return request.build_absolute_uri(path)


def invite_staff_member(request, *, email: str, role: str, invited_by) -> tuple[object, bool]:
    """Create an account with no usable password in the role's group and queue an email with
    a link to set one, in one transaction (`portal.mail`: the outbox sends it, so a slow mail
    server never holds up the page). Returns the new user and whether the email was queued;
    if it could not be (no queue and the mail server failed), the account stays and the
    invitee can use "Forgot your password?" instead."""
    with transaction.atomic():
        user = get_user_model().objects.create_user(username=email, email=email, password=None)
        user.groups.add(Group.objects.get(name=role))
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        context = {
            "role": role,
            "invitation_url": invitation_url(request, user),
            "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = render_to_string("portal/accounts/email/invitation_subject.txt", context)
        message = render_to_string("portal/accounts/email/invitation_message.txt", context)
        queued = mail.queue_email(email, subject.strip(), message)
    if not queued:
        logger.warning("Staff invitation email failed: user %s", user.pk)
        return user, False
    logger.info(
        "Staff invitation queued: user %s, role %s, by user %s", user.pk, role, invited_by.pk
    )
    return user, True


def sign_out_everywhere(request) -> int:
    """End every session of the signed-in user, this one included. Returns how many."""
    user = request.user
    sessions = list(UserSession.objects.filter(user=user))
    for session in sessions:
        session.end()
    logout(request)
    logger.info("User %s signed out everywhere (%s sessions)", user.pk, len(sessions))
    return len(sessions)
