"""Security middleware: request ids, Permissions-Policy, CSP per area, no caching of personal
pages, staff idle timeout and the MFA requirement for roles that see referrals; and sessions
saved with one retry when the database blips."""

import logging
import re
import time
import uuid

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import DatabaseError, InterfaceError, OperationalError, connections, router
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal import views
from portal.logging import current_request_id
from portal.roles import user_has_mfa, user_requires_mfa

logger = logging.getLogger(__name__)
REQUEST_ID_PATTERN = re.compile(r"^[A-Za-z0-9._-]{8,128}$")
LAST_ACTIVITY_KEY = "signpost_last_activity"


class RequestIdMiddleware:
    """Gives every request an id (the proxy's `X-Request-ID` when it is sane), puts it in
    the logs and echoes it in the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if REQUEST_ID_PATTERN.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


class NoStoreForPersonalPagesMiddleware:
    """A page built from what is in the visitor's session (wizard answers, a signed-in
    member of staff's referrals, the admin) is never kept by a browser or shared cache:
    `Cache-Control: no-store` (with Django's other never-cache headers). Pages that did not
    read a session with something in it are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.is_empty():
            add_never_cache_headers(response)
        return response


class PermissionsPolicyMiddleware:
    """Sends `Permissions-Policy` from settings.PERMISSIONS_POLICY (feature -> allow-list)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in getattr(settings, "PERMISSIONS_POLICY", {}).items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.setdefault("Permissions-Policy", self.header)
        return response


class SignpostCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the Wagtail admin's own (looser) policy.

    Public pages get a strict nonce-based policy. The Wagtail admin still renders a few
    inline scripts and style attributes (inline panels, date pickers), so under /admin/ the
    policy in CONTENT_SECURITY_POLICY_ADMIN applies, without a nonce (a nonce would make
    browsers ignore 'unsafe-inline').
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_policy = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None)
        if (
            not report_only
            and admin_policy
            and parts.config is None
            and request.path_info.startswith(settings.CSP_ADMIN_PATH_PREFIX)
        ):
            return PolicyParts(admin_policy["DIRECTIVES"], parts.update, parts.replace, None)
        return parts


def _is_staff_session(request) -> bool:
    return getattr(request, "user", None) is not None and request.user.is_authenticated


class StaffIdleTimeoutMiddleware:
    """Signs staff out after SESSION_IDLE_TIMEOUT seconds without a request.

    Wagtail's background pings (editing sessions) do not count as activity, so a tab
    left open does not keep a session alive.
    """

    PASSIVE_PREFIXES = ("/admin/editing-sessions/",)

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _is_staff_session(request):
            timeout = settings.SESSION_IDLE_TIMEOUT
            now = int(time.time())
            last_activity = request.session.get(LAST_ACTIVITY_KEY)
            if last_activity is not None and now - last_activity > timeout:
                return self._sign_out(request, timeout)
            passive = request.path_info.startswith(self.PASSIVE_PREFIXES)
            # Write at most once a minute, so every request does not save the session.
            if not passive and (last_activity is None or now - last_activity >= 60):
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)

    def _sign_out(self, request, timeout):
        next_path = request.get_full_path() if request.method == "GET" else ""
        logout(request)
        minutes = max(1, timeout // 60)
        messages.info(
            request,
            _(
                "You were signed out after %(minutes)s minutes without activity, to keep "
                "people's information safe. Sign in again to carry on."
            )
            % {"minutes": minutes},
        )
        login_url = reverse("account_login")
        if next_path.startswith("/") and not next_path.startswith("//"):
            login_url += "?" + urlencode({"next": next_path})
        return redirect(login_url)


class StaffMFARequiredMiddleware:
    """Sends users who need MFA (portal.roles.user_requires_mfa: what they can do, or the
    "Require MFA for all staff" site setting) to set up an authenticator app before they can
    use the admin (where referrals are)."""

    EXEMPT_PATHS = ("/admin/logout/", "/admin/login/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if (
            settings.STAFF_MFA_REQUIRED
            and path.startswith(tuple(settings.MFA_PROTECTED_PATH_PREFIXES))
            and not path.startswith(self.EXEMPT_PATHS)
            and _is_staff_session(request)
            and user_requires_mfa(request.user)
            and not user_has_mfa(request.user)
        ):
            messages.warning(
                request,
                _(
                    "To keep people's personal information safe, you need to set up an "
                    "authenticator app before you carry on."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class SessionNotSaved(DatabaseError):
    """The session could not be saved, even after one retry: the database is down, locked
    or dropped the connection twice."""


def _database_blip(error: Exception) -> Exception | None:
    """The driver's error behind a failed session save, if it is one worth a friendly page
    (the connection or the database, not a session deleted by a concurrent sign-out)."""
    cause = error.__context__ if isinstance(error, UpdateError) else error
    return cause if isinstance(cause, (OperationalError, InterfaceError)) else None


def retrying_once(store_class):
    """`store_class` (a database-backed session store) whose save is retried once, on a
    fresh connection, when the database blips; a second failure raises SessionNotSaved.

    A lock timeout (SQLite's "database is locked") is not retried: the busy timeout has just
    been waited for, and the person is better off with the "try again" page at once."""

    class RetryingSessionStore(store_class):
        def save(self, must_create=False):
            if must_create:  # create()'s own insert: the outer save retries the whole create
                return super().save(must_create=True)
            new = self.session_key is None
            try:
                return super().save()
            except (DatabaseError, UpdateError) as error:
                cause = _database_blip(error)
                if cause is None:
                    raise
                if "locked" in str(cause):
                    raise SessionNotSaved("lock timeout") from error
                logger.warning("Session not saved (%s); retrying once", type(cause).__name__)
            self._drop_broken_connection()
            if new:
                self._session_key = None  # the failed create's key was never stored
            try:
                return super().save()
            except (DatabaseError, UpdateError) as error:
                cause = _database_blip(error)
                if cause is None:
                    raise
                raise SessionNotSaved(type(cause).__name__) from error

        def _drop_broken_connection(self):
            model = getattr(self, "model", None)  # cache-only stores have no database
            connection = connections[router.db_for_write(model) if model else "default"]
            if not connection.in_atomic_block:  # never inside a request (no ATOMIC_REQUESTS)
                connection.close_if_unusable_or_obsolete()

    # The same name as the store it extends: Django salts the session's signature with the
    # class's __qualname__, and every session already stored must still be read.
    RetryingSessionStore.__name__ = store_class.__name__
    RetryingSessionStore.__qualname__ = store_class.__qualname__
    return RetryingSessionStore


class RetryingSessionMiddleware(SessionMiddleware):
    """Django's SessionMiddleware, for a database that blips (issue #19, finding 9).

    A session save that fails on a dropped connection is retried once on a new one
    (CONN_HEALTH_CHECKS only checks a kept connection when a request starts). If it still
    cannot be saved, the person gets a page that says so instead of Django's bare 400 or a
    500: what the view offers for that case (`response.if_session_not_saved`, e.g. the
    self-referral confirmation, whose referral is already stored), or the 503 "try again"
    page, which on a form that keeps answers (portal.views.answers_kept_url) says they are kept
    and links back to the step.
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        self.SessionStore = retrying_once(self.SessionStore)

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except SessionNotSaved as error:
            logger.warning("Session not saved: %s", error)
            return views.session_not_saved(request, response)
