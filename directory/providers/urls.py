from django.urls import path

from directory.providers import views

app_name = "providers"

urlpatterns = [
    path(
        "provider/listings/<uuid:service_id>/change/",
        views.change_listing,
        name="change_listing",
    ),
]
