from django.urls import path

from coordination import views

app_name = "coordination"

urlpatterns = [
    path("local-area-coordination/", views.find_coordinator, name="find_coordinator"),
]
