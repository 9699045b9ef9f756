"""search_tags.service_card: the one card for a listing, on the results page and elsewhere."""

import datetime
import uuid
from types import SimpleNamespace

from django.template import Context, Template
from django.test import RequestFactory

from directory.schedules import Opening
from search.query import ServiceHit


def _hit(distance=None, **fields):
    service = SimpleNamespace(
        id=uuid.UUID(int=7),
        name=fields.get("name", "Memory <Café>"),
        summary=fields.get("summary", "Tea & cake"),
        organisation=fields.get("organisation", "Age UK"),
        categories=fields.get("categories", ["Memory problems and dementia"]),
        get_absolute_url=lambda: f"/services/{uuid.UUID(int=7)}/",
    )
    return ServiceHit(service=service, distance_miles=distance)


def _render(source, **context):
    template = Template("{% load search_tags %}" + source)
    return template.render(Context({"request": RequestFactory().get("/services/"), **context}))


def test_a_results_card_links_with_its_position_and_search_and_shows_everything():
    opening = Opening(
        is_open=True,
        closes_at=datetime.datetime(2026, 11, 24, 17, 0, tzinfo=datetime.UTC),
        has_times=True,
    )
    html = _render(
        "{% service_card hit 3 opening False %}", hit=_hit(0.84), opening=opening, search_event=41
    )
    assert html.startswith('<li class="signpost-result">')
    assert f'href="/services/{uuid.UUID(int=7)}/?from=search&amp;pos=3&amp;search=41"' in html
    assert "Memory &lt;Café&gt;" in html and "Tea &amp; cake" in html
    assert "<span>0.8 miles</span> · " in html and "Open now" in html
    assert "Age UK" in html and "Memory problems and dementia" in html
    assert 'name="csrfmiddlewaretoken"' in html and "Add to shortlist" in html


def test_a_plain_card_has_no_tracking_no_button_and_the_same_distances():
    html = _render("{% service_card hit %}", hit=_hit(0.02), search_event=41)
    assert f'href="/services/{uuid.UUID(int=7)}/"' in html
    assert "from=search" not in html and "<form" not in html
    assert "<span>less than 0.1 miles</span>" in html
    assert "1 mile<" in _render("{% service_card hit %}", hit=_hit(1.0))


def test_a_plain_card_without_distance_or_opening_leaves_out_the_empty_line():
    html = _render("{% service_card hit %}", hit=_hit(None, organisation=None, categories=[]))
    assert html.count("<p") == 1  # the summary only
