"""Site-search sections: other kinds of content the public search page shows beside listings.

The search page (search.views) and `manage.py search_index --rebuild` sit below the apps
that own such content (advice pages, for one), so they cannot import them. Instead an app
registers a section from its AppConfig.ready():

    sections.register(sections.Section(
        name="advice",
        search=search_advice,              # text -> hits, best first (never raises)
        template="advice/includes/advice_results.html",  # renders `hits` on the results page
        rebuild=index_advice_pages,        # -> how many items the section's index holds
        counted_as="live advice pages",    # what the command says it indexed
    ))

Sections show in the order they were registered. Registering a name again replaces the
entry (ready() can run more than once, in tests or on reload), so there are never two.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """One kind of content in the site search (see the module docstring for the fields)."""

    name: str
    search: Callable[[str], list]
    template: str
    rebuild: Callable[[], int] | None = None
    counted_as: str = "items"


_sections: list[Section] = []


def register(section: Section) -> None:
    """Add a section, or replace the one registered under the same name (keeping its place)."""
    for position, existing in enumerate(_sections):
        if existing.name == section.name:
            _sections[position] = section
            return
    _sections.append(section)


def unregister(name: str) -> None:
    """Remove the section called `name`, if there is one (for tests)."""
    _sections[:] = [section for section in _sections if section.name != name]


def registered() -> list[Section]:
    """The registered sections, in the order they were first registered (a copy)."""
    return list(_sections)
