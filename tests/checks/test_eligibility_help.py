"""What the checks' results offer besides council-funded care (checks.eligibility_help)."""

import pytest

from checks import eligibility_help
from checks.eligibility_help import GENERAL_CATEGORIES, local_support, support_groups
from directory.geography import Place


def test_outcomes_sharing_categories_share_one_group_in_outcome_order():
    groups = support_groups("adult", ("personal_hygiene", "toilet", "home_environment"))
    assert [group.categories for group in groups] == [
        ("home-help",),
        ("mobility-equipment",),
        ("home-help", "housing"),
    ]
    assert [str(label) for label in groups[0].labels] == ["Washing and keeping clean"]


def test_nothing_hard_gets_the_general_categories():
    (group,) = support_groups("adult", ())
    assert group.categories == GENERAL_CATEGORIES["adult"] and group.labels == []


def test_a_carer_sees_carers_support_first():
    groups = support_groups("carer", ("carer_time", "carer_child"))
    assert groups[0].categories == GENERAL_CATEGORIES["carer"]
    assert [group.categories for group in groups[1:]] == [
        ("carers-breaks", "social-activities"),
        ("carers-support",),
    ]


@pytest.mark.django_db
def test_a_failing_search_leaves_the_groups_empty_not_broken(monkeypatch):
    def broken(query):
        raise RuntimeError("search is down")

    monkeypatch.setattr(eligibility_help, "search_services", broken)
    place = Place(53.4033, -1.4993, "S6 2LN", "S6", "", is_postcode=True)
    (group,) = local_support("adult", ("community",), place)
    assert group.hits == []
    assert group.search_url == "/services/?category=transport&postcode=S6+2LN"
