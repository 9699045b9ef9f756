"""Development: debug on, a throwaway secret key, mail printed to the console."""

from portal.settings.base import *  # noqa: F403
from portal.settings.env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")  # noqa: S105
FIELD_ENCRYPTION_KEY = env_str(
    "FIELD_ENCRYPTION_KEY",
    # A development-only Fernet key; production refuses to start without its own.
    "ZGV2LW9ubHktZmllbGQta2V5LTMyLWJ5dGVzLWxvbmc=",
)
# "Send this list to yourself" works out of the box: the console backend logs the request.
NOTIFY_SHORTLIST_EMAIL_TEMPLATE_ID = env_str(
    "NOTIFY_SHORTLIST_EMAIL_TEMPLATE_ID", "development-shortlist-email-template"
)
NOTIFY_SHORTLIST_SMS_TEMPLATE_ID = env_str(
    "NOTIFY_SHORTLIST_SMS_TEMPLATE_ID", "development-shortlist-sms-template"
)
