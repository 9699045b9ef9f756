"""Encryption of personal data at rest: Fernet (AES-128-CBC + HMAC-SHA256) from `cryptography`.

`FIELD_ENCRYPTION_KEY` holds one or more url-safe base64 Fernet keys separated by commas,
newest first. New data is encrypted with the first key; any listed key decrypts, so a key
is rotated by putting a new one in front, running `manage.py rotate_referral_keys`, then
removing the old one.
"""

import json
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

__all__ = ["InvalidToken", "decrypt_json", "encrypt_json", "fernet", "rotate_token"]


@lru_cache(maxsize=4)
def _fernet_for(key_setting: str) -> MultiFernet:
    keys = [key.strip() for key in key_setting.split(",") if key.strip()]
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY is not set.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY must be comma-separated Fernet keys "
            "(32 url-safe base64-encoded bytes each)."
        ) from error


def fernet() -> MultiFernet:
    """The MultiFernet for the configured keys (cached per key setting)."""
    return _fernet_for(settings.FIELD_ENCRYPTION_KEY or "")


def encrypt_json(value) -> str:
    """JSON-serialise `value` and encrypt it; returns an ASCII token safe for a text column."""
    plaintext = json.dumps(value, separators=(",", ":"), sort_keys=True).encode()
    return fernet().encrypt(plaintext).decode("ascii")


def decrypt_json(token: str, ttl: int | None = None):
    """Decrypt a token from `encrypt_json`. Raises InvalidToken if tampered, unknown or older
    than `ttl` seconds."""
    return json.loads(fernet().decrypt(token.encode("ascii"), ttl=ttl))


def rotate_token(token: str) -> str:
    """Re-encrypt a token with the newest key (keeping its original timestamp)."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")
