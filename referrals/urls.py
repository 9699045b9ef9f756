from django.urls import path, re_path

from referrals import views
from referrals.wizard import finished, keep_going, wizard_view

app_name = "referrals"

urlpatterns = [
    path("self-referral/", views.landing, name="landing"),
    path("self-referral/done/", finished, name="done"),
    path("self-referral/urgent-help/", views.urgent, name="urgent"),
    path("self-referral/consent-needed/", views.consent_needed, name="consent_needed"),
    path("self-referral/start/", wizard_view, name="start"),
    path("self-referral/keep-going/", keep_going, name="keep_going"),
    re_path(r"^self-referral/(?P<step>[a-z-]+)/$", wizard_view, name="step"),
]
