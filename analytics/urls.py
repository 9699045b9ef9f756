"""Admin URLs, mounted at /admin/analytics/ by wagtail_hooks."""

from django.urls import path

from analytics import views

app_name = "analytics"

urlpatterns = [
    path("", views.index, name="index"),
    path("unmet-need/decide/", views.decide, name="decide"),
    path("<slug:slug>/", views.report, name="report"),
    path("<slug:slug>/<slug:table_slug>.csv", views.report_csv, name="csv"),
]
