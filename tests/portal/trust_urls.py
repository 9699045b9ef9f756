"""The site's URLs with allauth's "Remember this device" page, which allauth only adds when
MFA_TRUST_ENABLED is on as its URLs are first imported (off in the test settings)."""

from allauth.mfa.base import views as mfa_views
from django.urls import path

from portal.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("accounts/2fa/trust/", mfa_views.trust, name="mfa_trust"),
    *site_urlpatterns,
]
