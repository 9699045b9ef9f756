"""What helps besides council-funded care: local support for the outcomes someone finds hard,
near a postcode they give (through the public search), advice pages on those topics, their
local area coordinator, and the carers' hub."""

import logging
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from advice.models import AdviceIndexPage, AdvicePage
from carers.models import CarersHubPage
from checks.eligibility import OUTCOME_LABELS
from coordination.lookup import CoordinatorLookup, find_coordinators
from directory.geography import Place
from search.api import search_services
from search.query import ServiceQuery

logger = logging.getLogger(__name__)

SUPPORT_RADIUS_MILES = 3.0
LISTINGS_PER_GROUP = 3
ADVICE_PAGES_SHOWN = 5

# Outcome code -> directory category codes (directory.vocabulary.CATEGORIES) that help with it.
OUTCOME_CATEGORIES: dict[str, tuple[str, ...]] = {
    "nutrition": ("lunch-clubs", "food"),
    "personal_hygiene": ("home-help",),
    "toilet": ("mobility-equipment",),
    "dressing": ("home-help", "mobility-equipment"),
    "home_safe": ("mobility-equipment",),
    "home_environment": ("home-help", "housing"),
    "relationships": ("befriending", "social-activities"),
    "work_learning": ("volunteering", "digital-skills"),
    "community": ("transport",),
    "caring_for_child": ("information-advice",),
    "carer_child": ("carers-support",),
    "carer_others": ("carers-support",),
    "carer_home": ("home-help",),
    "carer_eating": ("food", "lunch-clubs"),
    "carer_relationships": ("social-activities",),
    "carer_work": ("volunteering",),
    "carer_community": ("transport",),
    "carer_time": ("carers-breaks", "social-activities"),
}
# When nothing was hard (or for every carer): where to start.
GENERAL_CATEGORIES = {
    "adult": ("social-activities", "information-advice"),
    "carer": ("carers-support", "carers-breaks"),
}


@dataclass
class SupportGroup:
    """Listings near a place for one or more outcomes that share their categories."""

    labels: list = field(default_factory=list)
    categories: tuple[str, ...] = ()
    hits: list = field(default_factory=list)
    search_url: str = ""


def support_groups(check_slug: str, struggles: tuple[str, ...]) -> list[SupportGroup]:
    """The groups to search for, in outcome order; outcomes sharing categories share a group.
    A carer's list starts with carers' support; with no struggles, the general categories."""
    groups: dict[tuple, SupportGroup] = {}
    if check_slug == "carer" or not struggles:
        general = GENERAL_CATEGORIES[check_slug]
        groups[general] = SupportGroup(labels=[], categories=general)
    for code in struggles:
        categories = OUTCOME_CATEGORIES[code]
        group = groups.setdefault(categories, SupportGroup(categories=categories))
        group.labels.append(OUTCOME_LABELS[code])
    return list(groups.values())


def local_support(check_slug: str, struggles: tuple[str, ...], place: Place) -> list[SupportGroup]:
    """Each group with its nearest live listings within 3 miles of `place` (none if the search
    fails: the rest of the result page matters more) and a link to the full search."""
    groups = support_groups(check_slug, struggles)
    search_page = reverse("search:service_search")
    for group in groups:
        query = [("category", code) for code in group.categories] + [("postcode", place.label)]
        group.search_url = f"{search_page}?{urlencode(query)}"
        try:
            group.hits = search_services(
                ServiceQuery(
                    categories=group.categories,
                    latitude=place.latitude,
                    longitude=place.longitude,
                    radius_miles=SUPPORT_RADIUS_MILES,
                    sort="distance",
                    per_page=LISTINGS_PER_GROUP,
                )
            ).hits
        except Exception:
            logger.exception("Local support search for a check's result failed")
            group.hits = []
    return groups


def advice_pages(check_slug: str, struggles: tuple[str, ...]) -> list:
    """Live advice pages tagged with the categories of what someone finds hard, A to Z."""
    codes = {code for group in support_groups(check_slug, struggles) for code in group.categories}
    return list(
        AdvicePage.objects.live()
        .public()
        .filter(topics__code__in=codes)
        .distinct()
        .order_by("title")[:ADVICE_PAGES_SHOWN]
    )


def advice_index_url() -> str | None:
    index = AdviceIndexPage.objects.live().public().first()
    return index.url if index else None


def carers_hub_url() -> str | None:
    hub = CarersHubPage.objects.live().public().first()
    return hub.url if hub else None


def coordinators(postcode: str) -> CoordinatorLookup:
    return find_coordinators(postcode)
