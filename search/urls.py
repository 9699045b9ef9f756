from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("services/", views.service_search, name="service_search"),
    path("services/suggest", views.suggest_view, name="suggest"),
    path("services/missing/", views.missing_view, name="missing"),
]
