from django.urls import path

from directory import review_views, views

app_name = "directory"

urlpatterns = [
    path("services/<uuid:service_id>/", views.service_detail, name="service_detail"),
    path(
        "listings/still-correct/<str:token>/",
        review_views.still_correct,
        name="still_correct",
    ),
    path(
        "listings/something-changed/<str:token>/",
        review_views.something_changed,
        name="something_changed",
    ),
    path("shortlist/", views.shortlist, name="shortlist"),
    path("shortlist/add/", views.shortlist_add, name="shortlist_add"),
    path("shortlist/remove/", views.shortlist_remove, name="shortlist_remove"),
    path("shortlist/clear/", views.shortlist_clear, name="shortlist_clear"),
    path("shortlist/send/", views.shortlist_send, name="shortlist_send"),
    path("shortlist/sent/", views.shortlist_sent, name="shortlist_sent"),
]
