from django.urls import path

from checks import cost_views, eligibility_views

app_name = "checks"

urlpatterns: list = [
    # Indicative Care Act checks (#24 items 1 and 2): an adult's needs, a carer's.
    path("check/", eligibility_views.start, {"check": "adult"}, name="eligibility_start"),
    path(
        "check/questions/",
        eligibility_views.questions,
        {"check": "adult"},
        name="eligibility_questions",
    ),
    path("check/result/", eligibility_views.result, {"check": "adult"}, name="eligibility_result"),
    path("check/carer/", eligibility_views.start, {"check": "carer"}, name="carer_start"),
    path(
        "check/carer/questions/",
        eligibility_views.questions,
        {"check": "carer"},
        name="carer_questions",
    ),
    path("check/carer/result/", eligibility_views.result, {"check": "carer"}, name="carer_result"),
    path("check/cost/", cost_views.start, name="cost_start"),
    path("check/cost/questions/", cost_views.questions, name="cost_questions"),
]
