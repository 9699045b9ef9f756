from django.urls import path

from directory.suggestions import views

app_name = "suggestions"

urlpatterns = [
    path(
        "services/<uuid:service_id>/suggest-change/",
        views.suggest_change,
        name="suggest_change",
    ),
    path("services/add/", views.add_service, name="add_service"),
    path("services/suggestion-sent/", views.thanks, name="thanks"),
]
