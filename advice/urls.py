from django.urls import path

from advice import views

app_name = "advice"

urlpatterns = [
    path("advice-feedback/<int:page_id>/", views.page_feedback, name="page_feedback"),
]
