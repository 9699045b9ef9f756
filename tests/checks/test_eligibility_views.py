"""The checks' pages (/check/ and /check/carer/) through the test client: one question a page,
errors, Back and Change, the three results and local support, nothing stored, never a 500."""

import re

import pytest

from directory.models import Area, Service
from tests.factories.directory import (
    AreaFactory,
    LocalAreaCoordinatorFactory,
    LocationFactory,
    PostcodeFactory,
    ServiceFactory,
    TaxonomyTermFactory,
)

ADULT = {"start": "/check/", "questions": "/check/questions/", "result": "/check/result/"}
CARER = {
    "start": "/check/carer/",
    "questions": "/check/carer/questions/",
    "result": "/check/carer/result/",
}
ADULT_ANSWERS = [
    ("who", "myself"),
    ("impairment", "yes"),
    ("nutrition", "needs_help"),
    ("personal_hygiene", "pain"),
    ("toilet", "can"),
    ("dressing", "can"),
    ("home_safe", "can"),
    ("home_environment", "can"),
    ("relationships", "can"),
    ("work_learning", "not_applicable"),
    ("community", "can"),
    ("caring_for_child", "not_applicable"),
    ("wellbeing", "significant"),
]
CARER_ANSWERS = [
    ("caring", "yes"),
    ("health", "at_risk"),
    ("carer_child", "not_applicable"),
    ("carer_others", "not_applicable"),
    ("carer_home", "can"),
    ("carer_eating", "can"),
    ("carer_relationships", "can"),
    ("carer_work", "can"),
    ("carer_community", "can"),
    ("carer_time", "needs_help"),
    ("wellbeing", "significant"),
]


def token(response) -> str:
    return re.findall(r'name="answers" value="([^"]*)"', response.content.decode())[-1]


def answer(client, urls, response, step, value, **extra):
    data = {"answers": token(response), "step": step, "answer": value, **extra}
    return client.post(urls["questions"], data)


def walk(client, urls, answers):
    """Answer every question in turn; the response is "Check your answers"."""
    response = client.get(urls["questions"])
    for step, value in answers:
        assert f'name="step" value="{step}"' in response.content.decode(), step
        response = answer(client, urls, response, step, value)
        assert response.status_code == 200
    assert "Check your answers" in response.content.decode()
    return response


def see_result(client, urls, response, **extra):
    return client.post(urls["result"], {"answers": token(response), **extra})


@pytest.fixture
def answers_for(db):
    def change(base, **changes):
        return [(step, changes.get(step, value)) for step, value in base]

    return change


def test_start_page_says_it_is_an_indication_and_nothing_is_stored(client, db):
    response = client.get(ADULT["start"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "We do not store your answers." in html
    assert "an indication, not a decision" in html
    assert f'href="{ADULT["questions"]}"' in html and "Answer 13 short questions" in html
    carer_html = client.get(CARER["start"]).content.decode()
    assert (
        "Answer 11 short questions" in carer_html and "We do not store your answers." in carer_html
    )


def test_first_question_one_a_page_with_progress_and_back_to_the_start(client, db):
    html = client.get(ADULT["questions"]).content.decode()
    assert "Who are you checking for?" in html
    assert "Question 1 of 13" in html
    assert f'<a href="{ADULT["start"]}" class="govuk-back-link">Back</a>' in html
    assert html.count('class="govuk-fieldset__heading"') == 1
    assert 'name="answer"' in html and "<h1" in html


def test_nothing_chosen_shows_an_error_summary_linked_to_the_first_option(client, db):
    first = client.get(ADULT["questions"])
    response = client.post(ADULT["questions"], {"answers": token(first), "step": "who"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error:" in html
    assert '<a href="#answer_0">Select who you are checking for</a>' in html
    assert 'id="answer_0"' in html and "govuk-form-group--error" in html


def test_a_made_up_answer_is_an_error_not_a_crash(client, db):
    first = client.get(ADULT["questions"])
    data = {"answers": token(first), "step": "who", "answer": "everyone"}
    response = client.post(ADULT["questions"], data)
    assert response.status_code == 200
    assert "Select who you are checking for" in response.content.decode()


def test_questions_speak_about_someone_else_when_checking_for_them(client, db):
    first = client.get(ADULT["questions"])
    response = answer(client, ADULT, first, "who", "someone_else")
    html = response.content.decode()
    assert "Do they have a health condition, illness or disability" in html
    assert "Question 2 of 13" in html
    response = answer(client, ADULT, response, "impairment", "yes")
    html = response.content.decode()
    assert "How do they manage eating, drinking and preparing meals?" in html
    assert "They need help to do this" in html
    assert "This does not apply" not in html  # only for a child, or work


def test_back_shows_the_previous_question_with_its_answer_chosen(client, db):
    first = client.get(ADULT["questions"])
    second = answer(client, ADULT, first, "who", "myself")
    data = {"answers": token(second), "step": "impairment", "go": "back"}
    html = client.post(ADULT["questions"], data).content.decode()
    assert "Who are you checking for?" in html
    assert 'value="myself" checked' in html


def test_change_from_check_your_answers_comes_back_to_it(client, db):
    check_page = walk(client, ADULT, ADULT_ANSWERS)
    html = check_page.content.decode()
    assert html.count('name="change"') == 13
    assert "I need help to do this" in html
    data = {"answers": token(check_page), "step": "check", "change": "toilet"}
    toilet = client.post(ADULT["questions"], data)
    toilet_html = toilet.content.decode()
    assert "How do you manage using the toilet?" in toilet_html
    assert 'name="changing" value="1"' in toilet_html
    changed = answer(client, ADULT, toilet, "toilet", "risk", changing="1")
    changed_html = changed.content.decode()
    assert "Check your answers" in changed_html
    assert "I can do it but it puts my or others&#x27; safety at risk" in changed_html


def test_likely_result_starts_the_self_referral_and_says_it_is_not_a_decision(client, db):
    check_page = walk(client, ADULT, ADULT_ANSWERS)
    response = see_result(client, ADULT, check_page)
    assert response.status_code == 200
    html = response.content.decode()
    assert "You are likely to be eligible for care and support" in html
    assert "This is an indication, not a decision." in html
    assert 'href="/self-referral/"' in html and "Ask for a needs assessment" in html
    assert "Eating and drinking well, and preparing meals" in html  # what they find hard
    assert "sessionid" not in client.cookies  # nothing kept between pages but the form


def test_may_be_result_says_why_and_what_to_have_ready(client, answers_for):
    answers = answers_for(ADULT_ANSWERS, wellbeing="some")
    response = see_result(client, ADULT, walk(client, ADULT, answers))
    html = response.content.decode()
    assert "You may be eligible for care and support" in html
    assert "Why we cannot be sure" in html and "affects your wellbeing a little" in html
    assert "What to have ready" in html and 'href="/self-referral/"' in html


@pytest.fixture
def local_area(db):
    ward = AreaFactory(name="Hillsborough", code="E05010863")
    patch = AreaFactory(name="Hillsborough and Walkley", kind=Area.Kind.LAC_PATCH, code="LAC01")
    patch.wards.add(ward)
    PostcodeFactory(postcode="S6 2LN", latitude=53.4033, longitude=-1.4993, ward_code=ward.code)
    LocalAreaCoordinatorFactory(name="Amina Patel", phone="0114 273 1111").patches.add(patch)
    lunch = TaxonomyTermFactory(code="lunch-clubs", name="Lunch clubs and community meals")
    ServiceFactory(
        name="Walkley Lunch Club",
        kind=Service.Kind.COMMUNITY_ASSET,
        categories=[lunch],
        location=LocationFactory(latitude=53.4040, longitude=-1.4990),
    )
    ServiceFactory(
        name="Faraway Dinners",
        categories=[lunch],
        location=LocationFactory(latitude=53.30, longitude=-1.30),
    )


def test_probably_not_result_shows_local_support_and_the_coordinator_near_a_postcode(
    client, answers_for, local_area
):
    answers = answers_for(ADULT_ANSWERS, personal_hygiene="can")  # only eating is hard
    check_page = walk(client, ADULT, answers)
    result = see_result(client, ADULT, check_page)
    html = result.content.decode()
    assert "You are probably not eligible for council-funded care" in html
    assert "This is an indication, not a decision." in html
    assert "Your answers show fewer than 2." in html
    assert "You can still ask for an assessment" in html
    assert "Walkley Lunch Club" not in html  # no postcode yet
    near = see_result(client, ADULT, result, postcode="s6 2ln")
    near_html = near.content.decode()
    assert "Walkley Lunch Club" in near_html and "Faraway Dinners" not in near_html
    assert "Eating and drinking well, and preparing meals" in near_html
    assert "Amina Patel" in near_html and "0114 273 1111" in near_html
    assert "/services/?category=lunch-clubs&amp;category=food&amp;postcode=S6+2LN" in near_html


def test_a_postcode_that_is_wrong_or_unknown_gets_a_clear_message(client, db):
    check_page = walk(client, ADULT, ADULT_ANSWERS)
    wrong = see_result(client, ADULT, check_page, postcode="not one").content.decode()
    assert '<a href="#postcode">Enter a full postcode, like S1 2HH</a>' in wrong
    assert "<title>Error:" in wrong
    unknown = see_result(client, ADULT, check_page, postcode="ZZ9 9ZZ").content.decode()
    assert "We couldn&#x27;t find the postcode ZZ9 9ZZ" in unknown


def test_carer_check_leads_to_a_carers_assessment_and_the_hub(client, db):
    check_page = walk(client, CARER, CARER_ANSWERS)
    html = check_page.content.decode()
    assert "Looking after an adult" in html and "It will if things carry on as they are" in html
    result = see_result(client, CARER, check_page).content.decode()
    assert "You are likely to be eligible for support as a carer" in result
    assert 'href="/self-referral/?as=carer"' in result
    assert "Ask for a carer's assessment" in result
    assert "Time for yourself, to do things you enjoy" in result
    assert "Caring is affecting your own health, or will if nothing changes" in result


def test_carer_questions_have_their_own_progress_and_options(client, db):
    html = client.get(CARER["questions"]).content.decode()
    assert "Do you look after an adult who could not manage without your help?" in html
    assert "Question 1 of 11" in html
    first = client.get(CARER["questions"])
    health = answer(client, CARER, first, "caring", "yes")
    child = answer(client, CARER, health, "health", "no").content.decode()
    assert "Alongside caring, how do you manage looking after a child?" in child
    assert "I cannot do this because of my caring" in child
    assert "takes me much longer" not in child  # reg. 3 has no "significantly longer"


def test_tampered_or_foreign_answers_start_again(client, db):
    first = client.get(ADULT["questions"])
    forged = {"answers": token(first) + "x", "step": "who", "answer": "myself"}
    assert client.post(ADULT["questions"], forged).status_code == 400
    carer_token = token(client.get(CARER["questions"]))  # signed for the carer check only
    response = client.post(
        ADULT["questions"], {"answers": carer_token, "step": "who", "answer": "myself"}
    )
    assert response.status_code == 400
    walked = walk(client, CARER, CARER_ANSWERS)
    foreign = client.post(ADULT["result"], {"answers": token(walked)})
    assert foreign.status_code == 400
    assert "We could not read your answers" in foreign.content.decode()


def test_unknown_steps_and_changes_start_again(client, db):
    first = client.get(ADULT["questions"])
    for data in ({"step": "nope"}, {"step": "check", "change": "nope"}):
        response = client.post(ADULT["questions"], {"answers": token(first), **data})
        assert response.status_code == 400


def test_the_result_needs_every_answer_and_a_post(client, db):
    assert client.get(ADULT["result"]).status_code == 302
    first = client.get(ADULT["questions"])
    partial = answer(client, ADULT, first, "who", "myself")
    html = client.post(ADULT["result"], {"answers": token(partial)}).content.decode()
    assert "Do you have a health condition, illness or disability" in html


def test_back_from_the_first_question_goes_to_the_start_page(client, db):
    first = client.get(CARER["questions"])
    data = {"answers": token(first), "step": "caring", "go": "back"}
    response = client.post(CARER["questions"], data)
    assert response.status_code == 302 and response["Location"] == CARER["start"]
