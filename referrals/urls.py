from django.urls import path, re_path

from referrals import follow_views, views
from referrals.wizard import finished, keep_check, keep_going, start_from_check, wizard_view

app_name = "referrals"

urlpatterns = [
    path("self-referral/", views.landing, name="landing"),
    path("self-referral/done/", finished, name="done"),
    path("self-referral/urgent-help/", views.urgent, name="urgent"),
    path("self-referral/consent-needed/", views.consent_needed, name="consent_needed"),
    path("self-referral/start/", wizard_view, name="start"),
    path("self-referral/professional/", views.professional, name="professional"),
    path("self-referral/status/", follow_views.find, name="follow"),
    path("self-referral/status/your-request/", follow_views.show, name="follow_request"),
    path("self-referral/status/add/", follow_views.add, name="follow_add"),
    path("self-referral/keep-going/", keep_going, name="keep_going"),
    # Tell it once: a check's answers carried in by choice (referrals.from_check).
    path("self-referral/from-check/", start_from_check, name="from_check"),
    path("self-referral/from-check/send/", keep_check, name="from_check_send"),
    re_path(r"^self-referral/(?P<step>[a-z-]+)/$", wizard_view, name="step"),
]
