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
from directory.models.upkeep import (
    DuplicatePair,
    ListingClaim,
    ListingReviewPolicy,
    ProviderMembership,
    QualitySnapshot,
    ReviewLink,
    Source,
    SourceRecord,
    SyncRun,
    WebsiteCheck,
)

__all__ = [
    "Area",
    "ChangeSuggestion",
    "Contact",
    "CostOption",
    "DuplicatePair",
    "ListingClaim",
    "ListingReviewPolicy",
    "LocalAreaCoordinator",
    "Location",
    "Organisation",
    "Phone",
    "PlaceName",
    "Postcode",
    "ProviderMembership",
    "QualitySnapshot",
    "ReviewLink",
    "Schedule",
    "Service",
    "ServiceAtLocation",
    "Source",
    "SourceRecord",
    "SyncRun",
    "Taxonomy",
    "TaxonomyTerm",
    "WebsiteCheck",
]
