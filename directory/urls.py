from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("services/<uuid:service_id>/", views.service_detail, name="service_detail"),
    path("shortlist/", views.shortlist, name="shortlist"),
    path("shortlist/add/", views.shortlist_add, name="shortlist_add"),
    path("shortlist/remove/", views.shortlist_remove, name="shortlist_remove"),
    path("shortlist/clear/", views.shortlist_clear, name="shortlist_clear"),
    path("shortlist/send/", views.shortlist_send, name="shortlist_send"),
    path("shortlist/sent/", views.shortlist_sent, name="shortlist_sent"),
]
