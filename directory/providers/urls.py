"""Provider accounts (#25 item 1): providers claim and keep their own organisation's listings."""

from django.urls import path

from directory.providers import claim_views, views

app_name = "providers"

urlpatterns = [
    path("provider/", views.home, name="home"),
    path("provider/listings/<uuid:service_id>/claim/", claim_views.claim_start, name="claim"),
    path(
        "provider/listings/<uuid:service_id>/claim/code/", claim_views.claim_code, name="claim_code"
    ),
    path(
        "provider/listings/<uuid:service_id>/claim/complete/",
        claim_views.claim_complete,
        name="claim_complete",
    ),
    path(
        "provider/listings/<uuid:service_id>/change/",
        views.change_listing,
        name="change_listing",
    ),
    path("provider/listings/<uuid:service_id>/sent/", views.change_sent, name="change_sent"),
    path(
        "provider/invitations/<str:token>/", claim_views.accept_invitation, name="accept_invitation"
    ),
]
