"""portal.sections: apps register site-search sections; a name registered again replaces."""

import pytest

from portal import sections


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(sections, "_sections", [])


def _section(name, template="t.html"):
    return sections.Section(name=name, search=lambda text: [text], template=template)


def test_sections_keep_the_order_they_were_registered_in(clean_registry):
    sections.register(_section("advice"))
    sections.register(_section("events"))
    assert [section.name for section in sections.registered()] == ["advice", "events"]


def test_registering_a_name_again_replaces_it_in_place(clean_registry):
    sections.register(_section("advice", "old.html"))
    sections.register(_section("events"))
    sections.register(_section("advice", "new.html"))
    assert [(s.name, s.template) for s in sections.registered()] == [
        ("advice", "new.html"),
        ("events", "t.html"),
    ]


def test_registered_is_a_copy_and_unregister_removes(clean_registry):
    sections.register(_section("advice"))
    sections.registered().clear()
    assert len(sections.registered()) == 1
    sections.unregister("advice")
    sections.unregister("nothing-by-that-name")
    assert sections.registered() == []


def test_the_advice_app_registers_its_search_and_rebuild():
    from advice.search import index_advice_pages, search_advice

    (advice,) = [section for section in sections.registered() if section.name == "advice"]
    assert advice.search is search_advice and advice.rebuild is index_advice_pages
    assert advice.template == "advice/includes/advice_results.html"
