from django.urls import path

from checks import cost_views

app_name = "checks"

urlpatterns: list = [
    path("check/cost/", cost_views.start, name="cost_start"),
    path("check/cost/questions/", cost_views.questions, name="cost_questions"),
]
