import pytest

from tests.factories.directory import AreaFactory, PostcodeFactory


@pytest.fixture
def gazetteer(db):
    """S1 2HH and S6 1AA in the gazetteer, in wards with Areas."""
    ward = AreaFactory(name="City", code="E05010862")
    other = AreaFactory(name="Hillsborough", code="E05010866")
    PostcodeFactory(postcode="S1 2HH", ward_code=ward.code)
    PostcodeFactory(postcode="S6 1AA", ward_code=other.code, latitude=53.40, longitude=-1.50)
    return {"S1 2HH": ward, "S6 1AA": other}


def walk(client, path="myself", stop_before=None, **start_query):
    """Drive the wizard through every step; returns the last response."""
    from tests.factories.referrals import post_fields, step_data

    query = "?as=carer" if start_query.get("as_carer") else ""
    response = client.get(f"/self-referral/start/{query}")
    assert response.status_code == 302
    tell = start_query.get("tell_about_cared_for", True)
    for step, fields in step_data(path, tell_about_cared_for=tell):
        if step == stop_before:
            return response
        response = client.post(f"/self-referral/{step}/", post_fields(step, fields))
        assert response.status_code == 302, (step, response.content.decode()[:3000])
    return client.get(response["Location"], follow=True)
