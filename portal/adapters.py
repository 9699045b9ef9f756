"""allauth adapters: staff accounts are by invitation only; their emails leave through the
outbox; MFA secrets are encrypted."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.utils.html import strip_tags

from portal import mail
from portal.roles import user_requires_mfa

ENCRYPTED_PREFIX = "fernet:"


class StaffAccountAdapter(DefaultAccountAdapter):
    """No open sign-up: Administrators invite staff (see `portal.accounts.services`)."""

    def is_open_for_signup(self, request) -> bool:
        return False

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
