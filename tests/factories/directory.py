"""Factories for directory models (factory_boy + Faker en_GB)."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory

from directory.models import (
    Area,
    Contact,
    CostOption,
    LocalAreaCoordinator,
    Location,
    Organisation,
    Phone,
    PlaceName,
    Postcode,
    Schedule,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

factory.Faker._DEFAULT_LOCALE = "en_GB"


class AreaFactory(DjangoModelFactory):
    class Meta:
        model = Area

    name = factory.Sequence(lambda n: f"Ward {n}")
    kind = Area.Kind.WARD
    code = factory.Sequence(lambda n: f"E0599{n:04d}")


class PostcodeFactory(DjangoModelFactory):
    class Meta:
        model = Postcode
        django_get_or_create = ("postcode",)

    postcode = "S1 2HH"
    outcode = factory.LazyAttribute(lambda o: o.postcode.split(" ")[0])
    latitude = 53.380410
    longitude = -1.469915
    ward_code = "E05010862"
    district_code = "E08000019"


class TaxonomyFactory(DjangoModelFactory):
    class Meta:
        model = Taxonomy
        django_get_or_create = ("name",)

    name = "Signpost needs"


class TaxonomyTermFactory(DjangoModelFactory):
    class Meta:
        model = TaxonomyTerm
        django_get_or_create = ("code",)

    taxonomy = factory.SubFactory(TaxonomyFactory)
    code = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Category {n}")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Faker("company")
    description = factory.Faker("paragraph")
    email = factory.Faker("company_email")
    url = factory.Faker("url")
    phone = factory.Faker("phone_number")


class PlaceNameFactory(DjangoModelFactory):
    """A gazetteer place name (Hillsborough ward's centre by default)."""

    class Meta:
        model = PlaceName

    name = "Hillsborough"
    kind = PlaceName.Kind.WARD
    latitude = 53.405897
    longitude = -1.504739
    area_code = ""
    source = "test"


class LocationFactory(DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Faker("street_name")
    address_1 = factory.Faker("street_address")
    city = "Sheffield"
    postcode = "S1 2HH"
    latitude = 53.380410
    longitude = -1.469915


class ServiceFactory(DjangoModelFactory):
    """A live, active service. Pass `live=False` for a draft."""

    class Meta:
        model = Service
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Community group {n}")
    summary = factory.Faker("sentence")
    description = factory.LazyAttribute(lambda o: f"<p>{o.summary}</p>")
    status = Service.Status.ACTIVE
    kind = Service.Kind.COMMUNITY_ASSET
    live = True
    last_reviewed = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if create and extracted:
            self.taxonomy_terms.set(extracted)
            self.save()  # ParentalManyToManyField keeps the set in memory until saved
            self.save()  # parental many-to-many relations are written on save

    @factory.post_generation
    def location(self, create, extracted, **kwargs):
        """`location=LocationFactory()` places the service there."""
        if create and extracted:
            ServiceAtLocation.objects.create(service=self, location=extracted)


class ScheduleFactory(DjangoModelFactory):
    class Meta:
        model = Schedule

    service = factory.SubFactory(ServiceFactory)
    weekdays = [1, 2, 3, 4, 5]
    opens_at = datetime.time(9, 0)
    closes_at = datetime.time(17, 0)


class PhoneFactory(DjangoModelFactory):
    class Meta:
        model = Phone

    service = factory.SubFactory(ServiceFactory)
    number = factory.Faker("phone_number")


class LocalAreaCoordinatorFactory(DjangoModelFactory):
    class Meta:
        model = LocalAreaCoordinator

    name = factory.Faker("name")
    phone = "0114 273 0000"
    email = factory.Faker("email")
    bio = factory.Faker("paragraph")


class PatchFactory(AreaFactory):
    """A local area coordination patch; pass `wards=[...]` to set the wards it covers."""

    class Meta:
        model = Area
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Patch {n}")
    kind = Area.Kind.LAC_PATCH
    code = factory.Sequence(lambda n: f"LACT{n:03d}")

    @factory.post_generation
    def wards(self, create, extracted, **kwargs):
        if create and extracted:
            self.wards.set(extracted)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"staff{n}@signpost.example")
    username = factory.LazyAttribute(lambda o: o.email)
    first_name = factory.Faker("first_name")
    is_staff = True
    password = factory.django.Password(None)


class ServiceAtLocationFactory(DjangoModelFactory):
    class Meta:
        model = ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory)


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    service = factory.SubFactory(ServiceFactory)
    name = factory.Faker("name")
    title = "Group organiser"
    email = factory.Faker("email")


class CostOptionFactory(DjangoModelFactory):
    class Meta:
        model = CostOption

    service = factory.SubFactory(ServiceFactory)
    option = "Session"
    amount = "2.50"
