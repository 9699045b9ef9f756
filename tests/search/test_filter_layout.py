"""The results page on a phone (#20): filters collapsed behind "Filter results" (details and
summary, no JavaScript needed), each chosen filter a removable tag, and "Clear filters"."""

import urllib.parse

import pytest
from bs4 import BeautifulSoup

from directory.models import TaxonomyTerm
from tests.factories.directory import LocationFactory, PostcodeFactory, ServiceFactory

pytestmark = pytest.mark.django_db

URL = "/services/"


@pytest.fixture
def lunch_clubs():
    PostcodeFactory(postcode="S6 2LN", latitude=53.4045, longitude=-1.5005, ward_code="")
    memory = TaxonomyTerm.objects.get(code="memory-dementia")
    walking = TaxonomyTerm.objects.get(code="physical-activity")
    place = LocationFactory(postcode="S6 2LN", latitude=53.4045, longitude=-1.5005)
    ServiceFactory(
        name="Walkley Lunch Club",
        summary="A hot lunch club.",
        location=place,
        categories=[memory, walking],
        is_free=True,
    )


def page(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def query_of(href: str) -> dict:
    parsed = urllib.parse.urlsplit(href)
    assert parsed.path == URL
    return urllib.parse.parse_qs(parsed.query)


def tags(soup) -> dict[str, str]:
    """The chosen-filter tags: accessible text ("Remove filter: Open now") to link."""
    found = {}
    for link in soup.select(".signpost-chosen-filters a.signpost-chosen-filter"):
        cross = link.select_one("[aria-hidden=true]")
        if cross:
            cross.extract()
        found[" ".join(link.get_text(" ").split())] = link["href"]
    return found


def test_filters_sit_in_a_closed_details_before_the_results(client, lunch_clubs):
    soup = page(client, q="lunch club", postcode="S6 2LN")
    details = soup.select_one("details.signpost-filter-panel")
    assert details is not None and not details.has_attr("open"), "collapsed unless asked"
    assert details.select_one("summary").get_text(strip=True) == "Filter results"
    form = details.select_one("form.signpost-filters")
    assert form is not None, "the one filters form is inside the details"
    assert form.select_one("button").get_text(strip=True) == "Apply filters"
    ids = [element["id"] for element in soup.select("[id]")]
    assert len(ids) == len(set(ids)), "no duplicate ids"
    assert not soup.select(".signpost-chosen-filters"), "no tags when nothing is chosen"


def test_chosen_filters_are_tags_that_each_remove_one_filter(client, lunch_clubs):
    soup = page(
        client,
        q="lunch club",
        postcode="S6 2LN",
        category=["memory-dementia", "physical-activity"],
        kind="community_asset",
        open_now="1",
        cost="free",
        age="70",
        radius="5",
        sort="distance",
    )
    summary = soup.select_one("details.signpost-filter-panel summary").get_text(" ", strip=True)
    assert summary == "Filter results (7 chosen)"
    found = tags(soup)
    memory = TaxonomyTerm.objects.get(code="memory-dementia").name
    walking = TaxonomyTerm.objects.get(code="physical-activity").name
    assert set(list(found)[:2]) == {f"Remove filter: {memory}", f"Remove filter: {walking}"}
    assert list(found)[2:] == [
        "Remove filter: Community group or activity",
        "Remove filter: Open now",
        "Remove filter: Free to use",
        "Remove filter: Age 70",
        "Remove filter: Within 5 miles",
    ]
    everything = {
        "q": ["lunch club"],
        "postcode": ["S6 2LN"],
        "category": ["memory-dementia", "physical-activity"],
        "kind": ["community_asset"],
        "open_now": ["1"],
        "cost": ["free"],
        "age": ["70"],
        "radius": ["5"],
        "sort": ["distance"],
    }

    def without(name, value=None):
        kept = {key: list(values) for key, values in everything.items()}
        kept[name] = [] if value is None else [v for v in kept[name] if v != value]
        return {key: values for key, values in kept.items() if values}

    assert query_of(found[f"Remove filter: {memory}"]) == without("category", "memory-dementia")
    assert query_of(found[f"Remove filter: {walking}"]) == without("category", "physical-activity")
    assert query_of(found["Remove filter: Community group or activity"]) == without("kind")
    assert query_of(found["Remove filter: Open now"]) == without("open_now")
    assert query_of(found["Remove filter: Free to use"]) == without("cost")
    assert query_of(found["Remove filter: Age 70"]) == without("age")
    assert query_of(found["Remove filter: Within 5 miles"]) == without("radius")

    clear = soup.find("a", string="Clear filters")
    assert query_of(clear["href"]) == {"q": ["lunch club"], "postcode": ["S6 2LN"]}


def test_a_removed_filter_link_runs_the_search_without_it(client, lunch_clubs):
    soup = page(client, q="lunch club", postcode="S6 2LN", open_now="1")
    found = tags(soup)
    assert list(found) == ["Remove filter: Open now"]
    after = BeautifulSoup(
        client.get(found["Remove filter: Open now"]).content.decode(), "html.parser"
    )
    assert not after.select(".signpost-chosen-filters")
    assert "Walkley Lunch Club" in after.select_one(".signpost-results").get_text()


def test_clear_filters_without_words_or_place_goes_to_the_bare_search(client, lunch_clubs):
    soup = page(client, cost="free")
    assert soup.find("a", string="Clear filters")["href"] == URL


def test_default_radius_and_page_are_not_filters(client, lunch_clubs):
    soup = page(client, q="lunch club", postcode="S6 2LN", radius="3", page="2")
    assert not soup.select(".signpost-chosen-filters")
    assert "chosen" not in soup.select_one("details.signpost-filter-panel summary").get_text()


def test_an_age_error_opens_the_filters_so_the_summary_link_reaches_the_field(client, lunch_clubs):
    soup = page(client, q="lunch club", age="old")
    assert soup.select_one("details.signpost-filter-panel").has_attr("open")
    assert soup.select_one(".govuk-error-summary a[href='#filter-age']") is not None


def test_the_tags_come_before_the_results_and_after_the_filters_control(client, lunch_clubs):
    html = client.get(URL, {"q": "lunch club", "postcode": "S6 2LN", "cost": "free"}).content
    html = html.decode()
    summary = html.index("Filter results")
    chosen = html.index('class="signpost-chosen-filters')
    results = html.index('id="results-heading"')
    assert summary < chosen < results


def test_removing_a_filter_or_changing_the_search_starts_from_the_first_page(client, lunch_clubs):
    """Page 3 of the old search may not exist in the new one: the links carry no `page`."""
    soup = page(client, q="lunch clubb", postcode="S6 2LN", open_now="1", page="3")
    hrefs = [*tags(soup).values(), *(a["href"] for a in soup.select("a[href^='?']"))]
    assert hrefs, "a tag or a did-you-mean link to check"
    for href in hrefs:
        assert "page" not in urllib.parse.parse_qs(urllib.parse.urlsplit(href).query), href
