"""Directory models, aligned with Open Referral UK (HSDS-UK 3.0). UUID keys survive import/export."""

from directory.models.geography import Area, Location, PlaceName, Postcode
from directory.models.organisations import LocalAreaCoordinator, Organisation
from directory.models.services import (
    ChangeSuggestion,
    Contact,
    CostOption,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from directory.models.taxonomy import Taxonomy, TaxonomyTerm

__all__ = [
    "Area",
    "ChangeSuggestion",
    "Contact",
    "CostOption",
    "LocalAreaCoordinator",
    "Location",
    "Organisation",
    "Phone",
    "PlaceName",
    "Postcode",
    "Schedule",
    "Service",
    "ServiceAtLocation",
    "Taxonomy",
    "TaxonomyTerm",
]
