import pytest
from wagtail.models import PageViewRestriction

from advice import search as advice_search
from advice.models import AdviceSearchEntry
from advice.search import index_advice_pages
from advice.search import search_advice as search_entries
from search.text import TermGroup
from tests.factories.content import AdviceIndexPageFactory, AdvicePageFactory


def search_advice(text, **options):
    """The pages found, as pages (the search returns index entries)."""
    found = search_entries(text, **options)
    return [entry.page.specific for entry in found]


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
    assert search_advice("alzheimers") == [dementia]  # a synonym in search/synonyms.py
    monkeypatch.setattr(
        advice_search,
        "parse_query",
        lambda text: [TermGroup(typed=text, alternatives=((text,), ("dementia",)))],
    )
    assert search_advice("zebra") == [dementia]


def test_every_thing_asked_for_must_match(advice_pages):
    dementia, _money = advice_pages
    assert search_advice("dementia diagnosis") == [dementia]
    assert search_advice("dementia allowance") == []


def test_results_carry_what_the_box_shows(advice_pages):
    dementia, _money = advice_pages
    (entry,) = search_entries("dementia")
    assert (entry.title, entry.summary, entry.url) == (
        "Living with dementia",
        "Support after a diagnosis of dementia.",
        dementia.url,
    )


def test_the_body_and_topics_are_searched(home_page):
    from directory.models import TaxonomyTerm

    index = AdviceIndexPageFactory(parent=home_page)
    falls = AdvicePageFactory(
        parent=index,
        title="Staying steady",
        summary="At home.",
        body=[{"type": "text", "value": "<p>Grab rails and a pendant alarm.</p>"}],
        topics=[TaxonomyTerm.objects.get(code="memory-dementia")],
    )
    assert search_advice("pendant alarm") == [falls]
    assert search_advice("memory") == [falls]


def test_the_index_follows_publishing(advice_pages):
    dementia, _money = advice_pages
    dementia.unpublish()
    assert search_advice("dementia") == []
    dementia.save_revision().publish()
    assert search_advice("dementia") == [dementia]
    dementia.title = "Dementia: living well"
    dementia.save_revision().publish()
    assert search_entries("dementia")[0].title == "Dementia: living well"
    dementia.delete()
    assert search_advice("dementia") == []
    assert AdviceSearchEntry.objects.count() == 1


def test_the_index_follows_moves_and_private_sections(advice_pages, home_page):
    dementia, _money = advice_pages
    other = AdviceIndexPageFactory(parent=home_page, title="More advice", slug="more-advice")
    dementia.move(other, pos="last-child")
    assert search_entries("dementia")[0].url == "/more-advice/" + dementia.slug + "/"
    restriction = PageViewRestriction.objects.create(
        page=other, restriction_type=PageViewRestriction.LOGIN
    )
    assert search_advice("dementia") == []
    restriction.delete()
    assert len(search_advice("dementia")) == 1


def test_a_rebuild_matches_what_publishing_built(advice_pages):
    before = sorted(AdviceSearchEntry.objects.values_list("page_id", "title", "url", "body"))
    assert index_advice_pages() == 2
    after = sorted(AdviceSearchEntry.objects.values_list("page_id", "title", "url", "body"))
    assert after == before


def test_a_broken_index_gives_no_advice_rather_than_an_error(advice_pages, monkeypatch):
    from django.db import DatabaseError

    def broken(*args, **kwargs):
        raise DatabaseError("no such table")

    monkeypatch.setattr(advice_search, "match_expression", broken)
    assert search_advice("dementia") == []


def test_limit_is_respected(advice_pages):
    assert len(search_advice("dementia OR allowance", limit=1)) <= 1


def test_results_include_renders_advice_box(advice_pages, rf):
    from django.template.loader import render_to_string

    html = render_to_string(
        "advice/includes/advice_results.html", {"hits": search_entries("dementia")}
    )
    assert "Living with dementia" in html and 'href="/advice/' in html
    assert render_to_string("advice/includes/advice_results.html", {"hits": []}).strip() == ""


def test_pages_in_private_sections_are_left_out(advice_pages, home_page):
    dementia, _money = advice_pages
    staff = AdviceIndexPageFactory(parent=home_page, title="Staff notes", slug="staff-notes")
    AdvicePageFactory(parent=staff, title="Dementia pathway (staff)", summary="Dementia.")
    PageViewRestriction.objects.create(
        page=staff, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert search_advice("dementia") == [dementia]
    assert search_advice("dementia pathway") == []
