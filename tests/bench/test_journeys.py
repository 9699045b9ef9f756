"""The load benchmark's visitor journeys (bench/journeys.py), driven through the test client
with CSRF checks on, so the load test submits referrals the way a browser does."""

import pytest
from django.test import Client

from analytics.models import SearchEvent
from bench import journeys
from bench.journeys import JourneyError, Reply
from referrals.models import Referral
from tests.factories.directory import AreaFactory, PostcodeFactory, ServiceFactory


class DjangoClient:
    """bench.journeys' client over Django's: redirects are not followed."""

    def __init__(self):
        self.client = Client(enforce_csrf_checks=True)
        self.requests = []

    def get(self, path, name):
        return self._reply("GET", path, self.client.get(path))

    def post(self, path, data, name):
        return self._reply("POST", path, self.client.post(path, data))

    def _reply(self, method, path, response):
        self.requests.append((method, path, response.status_code))
        return Reply(
            status=response.status_code,
            location=response.get("Location", ""),
            text=response.content.decode(),
        )


@pytest.fixture
def gazetteer(db):
    AreaFactory(name="City", code="E05010862")
    PostcodeFactory(postcode="S1 2HH", ward_code="E05010862")


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "is_carer"), [("myself", False), ("carer", True)])
def test_submits_a_whole_referral_and_returns_its_reference(gazetteer, who, is_carer):
    client = DjangoClient()
    reference = journeys.submit_referral(client, journeys.ANSWERS[who])
    referral = Referral.objects.get()
    assert referral.reference == reference
    assert referral.is_carer is is_carer
    gets = [path for method, path, _status in client.requests if method == "GET"]
    posts = [path for method, path, _status in client.requests if method == "POST"]
    assert gets[0] == journeys.START and gets[-1] == journeys.DONE
    assert gets[-2] == journeys.FINISHED
    assert posts == gets[1:-2]  # every question page opened, then answered
    assert posts[-1] == "/self-referral/check/"  # "Accept and send" on Check your answers


@pytest.mark.django_db
def test_a_refused_answer_is_a_failed_journey(gazetteer):
    address = {**journeys.ANSWERS["myself"]["address"], "postcode": ""}
    answers = {**journeys.ANSWERS["myself"], "address": address}
    with pytest.raises(JourneyError, match="address: answers refused"):
        journeys.submit_referral(DjangoClient(), answers)
    assert not Referral.objects.exists()


def test_a_missing_csrf_token_is_a_failed_journey():
    class NoForm:
        def get(self, path, name):
            if path == journeys.START:
                return Reply(302, "/self-referral/urgent/")
            return Reply(200, text="<form method=post></form>")

        def post(self, path, data, name):
            raise AssertionError("nothing to post without a token")

    with pytest.raises(JourneyError, match="urgent: no CSRF token"):
        journeys.submit_referral(NoForm())


def test_a_confirmation_without_reference_is_a_failed_journey():
    class Rejected:
        def get(self, path, name):
            if path == journeys.START:
                return Reply(302, journeys.DONE)
            return Reply(302, "/self-referral/")

        def post(self, path, data, name):
            raise AssertionError

    with pytest.raises(JourneyError, match="shows no reference"):
        journeys.submit_referral(Rejected())


def test_being_sent_elsewhere_is_a_failed_journey():
    class Urgent:
        def get(self, path, name):
            return Reply(302, "/self-referral/urgent-help/?reason=danger")

        def post(self, path, data, name):
            raise AssertionError

    with pytest.raises(JourneyError, match="instead of a question"):
        journeys.submit_referral(Urgent())


def test_parsing_helpers():
    page = '<input type="hidden" name="csrfmiddlewaretoken" value="abc&amp;123">'
    assert journeys.csrf_token(page) == "abc&123"
    assert journeys.csrf_token("<form></form>") == ""
    done = '<strong class="signpost-reference">SP-7K3M-Q9</strong>'
    assert journeys.confirmation_reference(done) == "SP-7K3M-Q9"
    assert journeys.confirmation_reference("<p>SP-7K3M-Q9</p>") == ""
    assert journeys.step_name("/self-referral/your-details/") == "your-details"
    assert journeys.step_name("/self-referral/done/?x=1") == ""
    body = journeys.form_body({"step": "communication", "needs": ["easy_read", "bsl"]})
    assert body == "step=communication&needs=easy_read&needs=bsl"


@pytest.mark.django_db
def test_service_links_are_the_results_a_visitor_can_open(client):
    service = ServiceFactory(name="Memory café", summary="For people with memory problems.")
    ServiceFactory(name="Draft memory group", live=False)
    page = client.get("/services/", {"q": "memory"}).content.decode()
    links = journeys.service_links(page)
    event = SearchEvent.objects.get()
    assert links == [f"/services/{service.id}/?from=search&pos=1&search={event.pk}"]
    assert client.get(links[0]).status_code == 200
