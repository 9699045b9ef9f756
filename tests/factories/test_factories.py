"""Every factory builds a valid, saved object."""

import pytest

from tests.factories import directory as directory_factories

FACTORIES = [
    getattr(directory_factories, name)
    for name in dir(directory_factories)
    if name.endswith("Factory") and name != "DjangoModelFactory"
]


@pytest.mark.django_db
@pytest.mark.parametrize("factory_class", FACTORIES, ids=lambda f: f.__name__)
def test_factory_builds_a_valid_object(factory_class):
    instance = factory_class()
    instance.full_clean(exclude=["taxonomy_terms", "service_areas"])
    assert instance.pk is not None
