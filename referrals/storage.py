"""Wizard state kept server-side in the session, encrypted, and expiring after inactivity.

The session table is not encrypted, so half-finished answers are stored as one Fernet token;
the token's timestamp gives the expiry (REFERRAL_WIZARD_TIMEOUT_SECONDS since the last step).
"""

from django.conf import settings
from formtools.wizard.storage.base import BaseStorage

from referrals import crypto


def timeout_minutes() -> int:
    """How long answers are kept between pages, in minutes, as the pages say it."""
    return max(1, settings.REFERRAL_WIZARD_TIMEOUT_SECONDS // 60)


class EncryptedSessionStorage(BaseStorage):
    def __init__(self, prefix, request=None, file_storage=None):
        super().__init__(prefix, request, file_storage)
        self.expired = False
        self._data = None
        token = request.session.get(self.prefix)
        if isinstance(token, str):
            try:
                self._data = crypto.decrypt_json(
                    token, ttl=settings.REFERRAL_WIZARD_TIMEOUT_SECONDS
                )
            except crypto.InvalidToken:
                self.expired = True
        if self._data is None:
            self.init_data()

    def _get_data(self):
        return self._data

    def _set_data(self, value):
        self._data = value

    data = property(_get_data, _set_data)

    @property
    def started(self) -> bool:
        return self._data.get(self.step_key) is not None

    def update_response(self, response):
        super().update_response(response)
        self.request.session[self.prefix] = crypto.encrypt_json(self._data)
