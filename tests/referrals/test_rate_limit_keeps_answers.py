"""Over the self-referral rate limit, a person's answers are kept for later (#19)."""

import pytest

from referrals.models import Referral
from tests.factories.referrals import post_fields, step_data
from tests.referrals.conftest import walk

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gazetteer")]


def test_a_429_on_the_final_step_keeps_the_answers(client, settings):
    settings.REFERRAL_RATE_LIMIT = "1/h"
    walk(client, "myself")  # uses this address's one referral an hour
    walk(client, "myself", stop_before="check")
    accept_and_send = post_fields("check", dict(step_data("myself"))["check"])

    refused = client.post("/self-referral/check/", accept_and_send, follow=True)
    assert refused.status_code == 429
    assert "Your answers are kept" in refused.content.decode()
    assert Referral.objects.count() == 1

    check = client.get("/self-referral/check/")
    assert check.status_code == 200
    assert "Margaret Example" in check.content.decode()  # still there to send later
