"""The directory search shows matching advice pages and remembers the place for advice pages."""

import pytest

from tests.factories.directory import PostcodeFactory


@pytest.mark.django_db
def test_search_remembers_the_place_searched_for_advice_pages(client):
    PostcodeFactory()
    client.get("/services/", {"q": "lunch", "postcode": "s1 2hh"})
    stored = client.session["signpost_last_place"]
    assert stored["label"] == "S1 2HH"
    assert stored["latitude"] == pytest.approx(53.380410)


@pytest.mark.django_db
def test_search_lists_matching_advice_pages_above_listings(client):
    from tests.factories.content import AdviceIndexPageFactory, AdvicePageFactory

    index = AdviceIndexPageFactory()
    AdvicePageFactory(parent=index, title="Living with dementia", summary="After a diagnosis.")
    html = client.get("/services/", {"q": "dementia"}).content.decode()
    assert "Living with dementia" in html
    assert html.index("Living with dementia") < html.index('id="results-heading"')
    assert (
        "Living with dementia" not in client.get("/services/", {"q": "swimming"}).content.decode()
    )
