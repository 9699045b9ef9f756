"""allauth login stages for staff: "Remember this device" never for people who see referrals.

allauth's MFA trust (MFA_TRUST_ENABLED) lets a browser skip the code for a while. Staff who
can see referrals (portal.roles.can_see_personal_data) are never offered it, and a browser
trusted before they gained that access (an Editor made First Contact) is asked for the code
all the same. Listed in place of allauth's own stages by StaffAccountAdapter.get_login_stages.
"""

from allauth.core.internal.httpkit import headed_redirect_response
from allauth.mfa.models import Authenticator
from allauth.mfa.stages import AuthenticateStage, TrustStage
from allauth.mfa.utils import is_mfa_enabled

from portal.roles import can_see_personal_data


class StaffAuthenticateStage(AuthenticateStage):
    """allauth's code challenge, which a trusted browser does not skip for referral roles."""

    def handle(self) -> tuple:
        response, carry_on = super().handle()
        user = self.login.user
        if (
            response is None
            and user is not None
            and can_see_personal_data(user)
            and is_mfa_enabled(user, [Authenticator.Type.TOTP])
        ):
            self.state["authentication_required"] = True
            response = headed_redirect_response(self.urlname)
        return response, carry_on


class StaffTrustStage(TrustStage):
    """allauth's "Remember this device" question, not asked of referral roles."""

    def handle(self) -> tuple:
        user = self.login.user
        if user is not None and can_see_personal_data(user):
            return None, True
        return super().handle()


ALLAUTH_STAGES = {
    "allauth.mfa.stages.AuthenticateStage": f"{__name__}.StaffAuthenticateStage",
    "allauth.mfa.stages.TrustStage": f"{__name__}.StaffTrustStage",
}
