"""The checks' explanatory text in the admin (Settings → Check texts, #24 item 7): content
staff replace the start pages' introductions and add text under each result; blank keeps the
standard wording; the rules' answers never change; public pages never create the row."""

import json

import pytest
from django.urls import reverse

from checks.models import CheckTexts
from portal import roles
from tests.checks.test_cost_views import AT_HOME
from tests.checks.test_cost_views import walk as walk_cost
from tests.checks.test_eligibility_views import (
    ADULT,
    ADULT_ANSWERS,
    CARER,
    CARER_ANSWERS,
    see_result,
    walk,
)
from tests.factories.accounts import activate_totp, staff_user

pytestmark = pytest.mark.django_db

FIELDS = [
    "adult_intro",
    "carer_intro",
    "cost_intro",
    "likely_text",
    "may_be_text",
    "probably_not_text",
    "cost_result_text",
]
ADULT_DEFAULT = "We ask about everyday things, like eating, washing"
CARER_DEFAULT = "A carer is someone who looks after a family member"
COST_DEFAULT = "We work it out by the national rules for charging"


def answers_for(base, **changes):
    return [(step, changes.get(step, value)) for step, value in base]


def set_texts(site, **texts):
    return CheckTexts.objects.create(site=site, **texts)


def likelihood(response) -> str:
    html = response.content.decode()
    return html.split('data-likelihood="')[1].split('"')[0]


def adult_result(client, answers=ADULT_ANSWERS):
    return see_result(client, ADULT, walk(client, ADULT, answers))


def test_blank_shows_the_standard_wording_and_creates_no_row(client, site):
    assert ADULT_DEFAULT in client.get(ADULT["start"]).content.decode()
    assert CARER_DEFAULT in client.get(CARER["start"]).content.decode()
    assert COST_DEFAULT in client.get(reverse("checks:cost_start")).content.decode()
    assert "Answer 13 short questions" in client.get(ADULT["start"]).content.decode()
    assert likelihood(adult_result(client)) == "likely"
    assert not CheckTexts.objects.exists()


def test_an_empty_paragraph_from_the_editor_counts_as_blank(client, site):
    set_texts(site, adult_intro="<p></p>", likely_text="<p> </p>")
    assert ADULT_DEFAULT in client.get(ADULT["start"]).content.decode()


def test_each_start_page_intro_replaces_the_standard_wording(client, site):
    set_texts(
        site,
        adult_intro="<p>Our own words for adults.</p>",
        carer_intro='<p>Our words for carers, <a href="https://example.org/">with a link</a>.</p>',
        cost_intro="<p>Our words about paying.</p>",
    )
    adult = client.get(ADULT["start"]).content.decode()
    assert "Our own words for adults." in adult
    assert ADULT_DEFAULT not in adult and "Answer 13 short questions" not in adult
    assert "We do not store your answers." in adult  # the rest of the page is unchanged
    assert "Our words for carers" not in adult
    carer = client.get(CARER["start"]).content.decode()
    assert "Our words for carers" in carer and 'href="https://example.org/"' in carer
    assert CARER_DEFAULT not in carer
    cost = client.get(reverse("checks:cost_start")).content.decode()
    assert "Our words about paying." in cost and COST_DEFAULT not in cost
    assert "Before you start" in cost


def test_the_text_under_each_result_band_is_shown_only_for_that_band(client, site):
    set_texts(
        site,
        likely_text="<p>LIKELY words.</p>",
        may_be_text="<p>MAY BE words.</p>",
        probably_not_text="<p>PROBABLY NOT words.</p>",
    )
    cases = {
        "likely": ADULT_ANSWERS,
        "may_be": answers_for(ADULT_ANSWERS, wellbeing="some"),
        "probably_not": answers_for(ADULT_ANSWERS, impairment="no"),
    }
    words = {"likely": "LIKELY", "may_be": "MAY BE", "probably_not": "PROBABLY NOT"}
    for band, answers in cases.items():
        response = adult_result(client, answers)
        html = response.content.decode()
        assert likelihood(response) == band
        assert f"{words[band]} words." in html
        assert [w for w in words.values() if f">{w} words." in html] == [words[band]]
        assert "an indication, not a decision" in html  # never replaced
    carer = see_result(client, CARER, walk(client, CARER, CARER_ANSWERS))
    assert likelihood(carer) == "likely" and "LIKELY words." in carer.content.decode()


def test_texts_never_change_the_rules_answer(client, site):
    answers = answers_for(ADULT_ANSWERS, wellbeing="some")
    before = likelihood(adult_result(client, answers))
    cost_before = walk_cost(client, AT_HOME).content.decode()
    set_texts(site, **dict.fromkeys(FIELDS, "<p>Anything at all.</p>"))
    assert likelihood(adult_result(client, answers)) == before == "may_be"
    cost_after = walk_cost(client, AT_HOME).content.decode()
    assert "£85.35" in cost_before and "£85.35" in cost_after
    assert "Anything at all." in cost_after and "Anything at all." not in cost_before


@pytest.fixture
def administrator(client):
    admin = staff_user(roles.ADMINISTRATOR)
    activate_totp(admin)
    client.force_login(admin)
    return admin


def draftail(text: str) -> str:
    block = {
        "key": "a1b2c",
        "text": text,
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [],
    }
    return json.dumps({"blocks": [block], "entityMap": {}})


def test_content_staff_edit_the_texts_in_the_site_settings(client, administrator, site):
    url = reverse("wagtailsettings:edit", args=["checks", "checktexts", site.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Adult check: introduction" in page.content.decode()
    assert "Leave blank to use the site" in page.content.decode()
    data = {name: draftail("") for name in FIELDS}  # what an empty editor sends
    data["cost_intro"] = draftail("Edited in the admin.")
    response = client.post(url, data)
    assert response.status_code == 302
    assert "Edited in the admin." in CheckTexts.objects.get(site=site).cost_intro
    client.logout()
    cost = client.get(reverse("checks:cost_start")).content.decode()
    assert "Edited in the admin." in cost and COST_DEFAULT not in cost
    assert ADULT_DEFAULT in client.get(ADULT["start"]).content.decode()


def test_an_editor_edits_the_texts_but_not_the_charging_figures(client, site):
    client.force_login(staff_user(roles.EDITOR))
    texts = reverse("wagtailsettings:edit", args=["checks", "checktexts", site.pk])
    figures = reverse("wagtailsettings:edit", args=["checks", "chargingfigures", site.pk])
    assert client.get(texts).status_code == 200
    assert client.get(figures).status_code in (302, 403)
    data = {name: draftail("") for name in FIELDS}
    data["likely_text"] = draftail("An editor's words.")
    assert client.post(texts, data).status_code == 302
    assert "An editor's words." in CheckTexts.objects.get(site=site).likely_text
