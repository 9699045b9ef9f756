import pytest

from advice import search as advice_search
from advice.search import search_advice
from tests.factories.content import AdviceIndexPageFactory, AdvicePageFactory


@pytest.fixture
def advice_pages(home_page):
    index = AdviceIndexPageFactory(parent=home_page)
    dementia = AdvicePageFactory(
        parent=index,
        title="Living with dementia",
        summary="Support after a diagnosis of dementia.",
    )
    money = AdvicePageFactory(
        parent=index, title="Attendance Allowance", summary="Money if you need help with care."
    )
    AdvicePageFactory(parent=index, title="Dementia draft", summary="Not published.", live=False)
    return dementia, money


def test_finds_live_pages_by_title_and_summary(advice_pages):
    dementia, money = advice_pages
    assert search_advice("dementia") == [dementia]
    assert search_advice("attendance allowance") == [money]
    assert search_advice("") == []
    assert search_advice("zebra crossings") == []


def test_uses_shared_synonyms(advice_pages, monkeypatch):
    dementia, _money = advice_pages
    monkeypatch.setattr(advice_search, "expand_terms", lambda text: [text, "dementia"])
    assert search_advice("alzheimers") == [dementia]


def test_limit_is_respected(advice_pages):
    assert len(search_advice("dementia OR allowance", limit=1)) <= 1


def test_results_include_renders_advice_box(advice_pages, rf):
    from django.template.loader import render_to_string

    html = render_to_string(
        "advice/includes/advice_results.html", {"advice_results": [advice_pages[0]]}
    )
    assert "Living with dementia" in html and 'href="/advice/' in html
    assert (
        render_to_string("advice/includes/advice_results.html", {"advice_results": []}).strip()
        == ""
    )


def test_pages_in_private_sections_are_left_out(advice_pages, home_page):
    from wagtail.models import PageViewRestriction

    dementia, _money = advice_pages
    staff = AdviceIndexPageFactory(parent=home_page, title="Staff notes", slug="staff-notes")
    AdvicePageFactory(parent=staff, title="Dementia pathway (staff)", summary="Dementia.")
    PageViewRestriction.objects.create(
        page=staff, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert search_advice("dementia") == [dementia]
    assert search_advice("dementia pathway") == []
