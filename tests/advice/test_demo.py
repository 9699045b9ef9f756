import io

import pytest

from advice.models import AdvicePage
from advice.reports import overdue_pages
from carers.models import CarersHubPage
from demo import advice as advice_demo
from demo import carers as carers_demo


@pytest.mark.django_db
def test_demo_content_is_complete_and_idempotent(client, home_page):
    out = io.StringIO()
    for _ in range(2):
        advice_demo.load(out, listings=0, seed=1)
        carers_demo.load(out, listings=0, seed=1)
    pages = AdvicePage.objects.live()
    assert pages.count() >= 12
    assert CarersHubPage.objects.count() == 1
    for page in pages:
        assert page.topics.exists(), page.title
        assert page.content_owner
        assert any(block.block_type == "related_services" for block in page.body), page.title
        assert client.get(page.url).status_code == 200, page.url
    assert len(list(overdue_pages())) >= 2
    html = client.get("/carers/").content.decode()
    for section in (
        "What counts as a carer",
        "A carer&#x27;s assessment",
        "The carers&#x27; centre",
        "Planning for an emergency",
        "Young carers",
        "Breaks and respite",
        "Money",
    ):
        assert section in html
    assert client.get("/advice/").status_code == 200


@pytest.mark.django_db
def test_demo_related_blocks_use_real_category_codes(home_page):
    from directory.vocabulary import CATEGORIES

    codes = {row[0] for row in CATEGORIES}
    advice_demo.load(io.StringIO(), listings=0, seed=1)
    for page in AdvicePage.objects.all():
        for block in page.body:
            if block.block_type == "related_services":
                assert set(block.value["categories"]) <= codes, page.title
