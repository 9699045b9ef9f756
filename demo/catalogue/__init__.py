"""What the demo directory is made of: places, organisations and listing templates (fictional).

Names are Sheffield-like; organisations are invented. In a template's name `{place}` is a
neighbourhood, `{park}` a park, `{area}` a wider area name. Each template: key, kind, name,
summary, description, categories, organisation group, how_to_access, is_free, fees, sessions
[(weekday choices, times)], languages, age range. TEMPLATES keeps one fixed order: the demo's
random choices are drawn from it, so reordering it would change the generated listings.
"""

from demo.catalogue.community import COMMUNITY
from demo.catalogue.everyday import EVERYDAY
from demo.catalogue.home import HOME_AND_EVENTS
from demo.catalogue.places import NEIGHBOURHOODS, ORGANISATIONS, PARKS, PATCHES, STREETS, VENUES
from demo.catalogue.support import SUPPORT

TEMPLATES = [*SUPPORT, *COMMUNITY, *HOME_AND_EVENTS, *EVERYDAY]

__all__ = ["NEIGHBOURHOODS", "ORGANISATIONS", "PARKS", "PATCHES", "STREETS", "TEMPLATES", "VENUES"]
