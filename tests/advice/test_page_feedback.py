import pytest

from advice.models import PageFeedback
from tests.factories.content import AdviceIndexPageFactory, AdvicePageFactory


@pytest.fixture
def advice_page(home_page):
    index = AdviceIndexPageFactory(parent=home_page)
    return AdvicePageFactory(parent=index, slug="loneliness", title="Feeling lonely")


def url(page):
    return f"/advice-feedback/{page.id}/"


def test_yes_is_stored_and_thanked(client, advice_page):
    response = client.post(url(advice_page), {"helpful": "yes", "comment": ""}, follow=True)
    assert response.redirect_chain[-1][0] == "/advice/loneliness/#feedback"
    html = response.content.decode()
    # The thank-you takes the form's place (at #feedback), not a banner at the top.
    section = html.split('id="feedback"')[1].split("</section>")[0]
    assert 'id="feedback-thanks"' in section and "Thank you for your feedback" in section
    assert "<form" not in section
    assert "govuk-notification-banner" not in html
    feedback = PageFeedback.objects.get()
    assert feedback.page_id == advice_page.id and feedback.helpful is True


def test_no_with_comment_scrubs_personal_details(client, advice_page):
    client.post(
        url(advice_page),
        {
            "helpful": "no",
            "comment": "Call me on 07700 900123 or jo@example.com, I live at S6 2LN. Too long.",
        },
    )
    feedback = PageFeedback.objects.get()
    assert feedback.helpful is False
    assert "07700" not in feedback.comment and "jo@example.com" not in feedback.comment
    assert "S6 2LN" not in feedback.comment
    assert "[phone]" in feedback.comment and "[email]" in feedback.comment
    assert "S6 ***" in feedback.comment and "Too long." in feedback.comment


def test_missing_answer_shows_error_summary(client, advice_page):
    response = client.post(url(advice_page), {"comment": "hmm"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#helpful">Select yes if this page was helpful</a>' in html
    assert "hmm" in html  # the comment is kept
    assert not PageFeedback.objects.exists()


def test_comment_over_500_characters_is_rejected(client, advice_page):
    response = client.post(url(advice_page), {"helpful": "yes", "comment": "a" * 501})
    assert response.status_code == 400
    assert "500 characters or fewer" in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_honeypot_is_thanked_but_not_stored(client, advice_page):
    response = client.post(url(advice_page), {"helpful": "yes", "website": "http://spam"})
    assert response.status_code == 302
    assert not PageFeedback.objects.exists()


def test_unknown_or_draft_page_is_404(client, advice_page, home_page):
    assert client.post("/advice-feedback/999999/", {"helpful": "yes"}).status_code == 404
    draft = AdvicePageFactory(parent=advice_page.get_parent(), live=False)
    assert client.post(url(draft), {"helpful": "yes"}).status_code == 404


def test_get_is_not_allowed(client, advice_page):
    assert client.get(url(advice_page)).status_code == 405


def test_csrf_is_enforced(advice_page):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url(advice_page), {"helpful": "yes"}).status_code == 403


def test_script_gets_just_the_thank_you_to_put_in_place(client, advice_page):
    response = client.post(
        url(advice_page), {"helpful": "no"}, headers={"Signpost-Fragment": "feedback"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="feedback-thanks" tabindex="-1"' in html and "<html" not in html
    assert PageFeedback.objects.get().helpful is False


def test_the_thank_you_is_shown_once(client, advice_page):
    client.post(url(advice_page), {"helpful": "yes"})
    assert 'id="feedback-thanks"' in client.get(advice_page.url).content.decode()
    again = client.get(advice_page.url).content.decode()
    assert 'id="feedback-thanks"' not in again and 'name="helpful"' in again
