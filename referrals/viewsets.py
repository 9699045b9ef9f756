from django.urls import path

from referrals import admin_views

app_name = "referrals_admin"

urlpatterns = [
    path("", admin_views.queue, name="index"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("export.csv", admin_views.export_counts, name="export"),
    path("audit/", admin_views.audit_log, name="audit"),
]
