"""Human-friendly referral references like `SP-7K3M-Q9`.

Drawn from an alphabet without look-alikes (no 0/O, 1/I/L) so they can be read over the
phone; random (not sequential) so they reveal nothing about volumes or order.
"""

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_RE = re.compile(rf"^SP-[{ALPHABET}]{{4}}-[{ALPHABET}]{{2}}$")


def new_reference() -> str:
    chars = "".join(secrets.choice(ALPHABET) for _ in range(6))
    return f"SP-{chars[:4]}-{chars[4:]}"


def is_reference(text: str) -> bool:
    return bool(REFERENCE_RE.match(text or ""))
