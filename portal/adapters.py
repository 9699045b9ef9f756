"""allauth adapters: staff accounts are by invitation only; their emails leave through the
outbox; the password typed at sign-in counts as a fresh one for setting up MFA; MFA secrets
are encrypted."""

import time
from urllib.parse import urlsplit

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.html import strip_tags

from portal import mail
from portal.accounts.stages import ALLAUTH_STAGES
from portal.roles import user_requires_mfa

ENCRYPTED_PREFIX = "fernet:"


class StaffAccountAdapter(DefaultAccountAdapter):
    """No open sign-up: Administrators invite staff (see `portal.accounts.services`)."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_login_redirect_url(self, request) -> str:
        """Staff land in the admin; people without admin access (providers) on their own home
        page (NON_STAFF_LOGIN_REDIRECT_URL), never on the admin's "no permission" loop."""
        if request.user.has_perm("wagtailadmin.access_admin"):
            return super().get_login_redirect_url(request)
        return resolve_url(settings.NON_STAFF_LOGIN_REDIRECT_URL)

    def is_safe_url(self, url: str) -> bool:
        """allauth's check, and never the admin for someone who cannot use it: the admin
        sends such a person to sign in with next=/admin/…, and allauth would send them
        straight back (a loop). They go to get_login_redirect_url's page instead."""
        if not super().is_safe_url(url):
            return False
        user = getattr(allauth_context.request, "user", None)
        return not (
            user is not None
            and user.is_authenticated
            and urlsplit(url).path.startswith(reverse("wagtailadmin_home"))
            and not user.has_perm("wagtailadmin.access_admin")
        )

    def is_reauthentication_required(self, *, app: str, **kwargs) -> bool:
        """allauth asks for the password again before sensitive steps (setting up an
        authenticator app) unless the person "recently reauthenticated". A password typed
        at sign-in within ACCOUNT_REAUTHENTICATION_TIMEOUT (5 minutes) counts too, so staff
        who must set up MFA at first sign-in type their password once, not twice."""
        if not super().is_reauthentication_required(app=app, **kwargs):
            return False
        return not signed_in_with_password_recently(allauth_context.request)

    def get_login_stages(self) -> list[str]:
        """allauth's stages, with its MFA code and "remember this device" stages replaced
        by ours (portal.accounts.stages: never remembered for staff who see referrals)."""
        return [ALLAUTH_STAGES.get(stage, stage) for stage in super().get_login_stages()]

    def send_mail(self, template_prefix: str, email, context: dict) -> None:
        """Render allauth's email as allauth does, then queue it (`portal.mail`) instead of
        sending it: a password reset for a real account then answers like one for an unknown
        address, in the same time, whatever the mail server does. Every allauth email (reset,
        password changed, MFA changed) goes this way."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request)}
            | context,
        )
        html = next(
            (body for body, kind in getattr(message, "alternatives", []) if kind == "text/html"),
            None,
        )
        text = message.body
        if message.content_subtype == "html":  # an HTML-only template
            html, text = message.body, strip_tags(message.body)
        mail.queue_email(message.to, message.subject, text, html=html)


def signed_in_with_password_recently(request) -> bool:
    """Whether this session's user typed their password (at sign-in, or when asked again)
    within ACCOUNT_REAUTHENTICATION_TIMEOUT seconds."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    timeout = account_settings.REAUTHENTICATION_TIMEOUT
    return any(
        record.get("method") == "password" and time.time() - record.get("at", 0) < timeout
        for record in get_authentication_records(request, user)
    )


class StaffMFAAdapter(DefaultMFAAdapter):
    """TOTP secrets encrypted at rest; staff who must use MFA cannot switch it off."""

    def _fernet(self) -> MultiFernet:
        # FIELD_ENCRYPTION_KEY may list several keys, newest first, to allow rotation.
        keys = [key.strip() for key in settings.FIELD_ENCRYPTION_KEY.split(",") if key.strip()]
        return MultiFernet([Fernet(key) for key in keys])

    def encrypt(self, text: str) -> str:
        return ENCRYPTED_PREFIX + self._fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        if not encrypted_text.startswith(ENCRYPTED_PREFIX):
            return encrypted_text  # stored before encryption was switched on
        token = encrypted_text.removeprefix(ENCRYPTED_PREFIX).encode()
        return self._fernet().decrypt(token).decode()

    def can_delete_authenticator(self, authenticator) -> bool:
        if authenticator.type == authenticator.Type.TOTP and user_requires_mfa(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)
