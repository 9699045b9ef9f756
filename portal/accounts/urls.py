"""Account URLs of our own, alongside allauth's under /accounts/."""

from django.urls import path

from portal.accounts import views

urlpatterns = [
    path(
        "sign-out-everywhere/",
        views.sign_out_everywhere_view,
        name="portal_sign_out_everywhere",
    ),
]
