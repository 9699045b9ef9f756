"""Places: areas (wards, LAC patches), the postcode gazetteer and service locations."""

import uuid

from django.db import models
from django.db.models import F, FloatField, Value
from django.db.models.functions import ACos, Cos, Greatest, Least, Radians, Sin

from directory.distance import EARTH_RADIUS_MILES, bounding_box
from directory.placenames import normalise_place_name
from directory.postcodes import normalise_postcode


class Area(models.Model):
    """A ward, or an area made of wards: a neighbourhood, local area coordination patch,
    primary care network, locality or local authority.

    Wards come with the postcodes (`load_postcodes --wards`); every other kind lists the
    wards it covers in `wards`, and `load_areas FILE --type pcn` fills those from a
    postcode-to-area CSV by best fit (directory.areas, docs/areas.md)."""

    class Kind(models.TextChoices):
        WARD = "ward", "Ward"
        NEIGHBOURHOOD = "neighbourhood", "Neighbourhood"
        LAC_PATCH = "lac_patch", "Local area coordination patch"
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        PCN = "pcn", "Primary care network"
        LOCALITY = "locality", "Locality"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, db_index=True)
    code = models.CharField(
        max_length=20, blank=True, db_index=True, help_text="ONS GSS code where one exists (E05…)."
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    wards = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="patches",
        limit_choices_to={"kind": "ward"},
        help_text="For any kind but a ward: the wards it covers (best fit, see docs/areas.md).",
    )
    boundary = models.JSONField(null=True, blank=True, help_text="GeoJSON geometry (optional).")
    centroid_latitude = models.FloatField(null=True, blank=True)
    centroid_longitude = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"], condition=~models.Q(code=""), name="area_unique_kind_code"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"


class Postcode(models.Model):
    """The offline gazetteer: one row per postcode (OS Code-Point Open)."""

    postcode = models.CharField(max_length=8, primary_key=True)  # normalised: "S1 2HH"
    outcode = models.CharField(max_length=4, db_index=True)  # "S1"
    latitude = models.FloatField()
    longitude = models.FloatField()
    ward_code = models.CharField(max_length=9, blank=True, db_index=True)
    district_code = models.CharField(max_length=9, blank=True)

    class Meta:
        ordering = ["postcode"]

    def __str__(self):
        return self.postcode


class PlaceName(models.Model):
    """The place-name gazetteer: a ward, neighbourhood, locality or town and its centre point.

    Filled by `manage.py load_places FILE` (docs/places.md) and, for wards, derived from the
    postcode table (directory.gazetteer). Search resolves typed place names here before it
    asks any online geocoder.
    """

    class Kind(models.TextChoices):
        WARD = "ward", "Ward"
        NEIGHBOURHOOD = "neighbourhood", "Neighbourhood"
        LOCALITY = "locality", "Locality"
        TOWN = "town", "Town"

    name = models.CharField(max_length=200)
    normalised = models.CharField(
        max_length=200, db_index=True, editable=False, help_text="The name as search compares it."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    latitude = models.FloatField()
    longitude = models.FloatField()
    area_code = models.CharField(
        max_length=20, blank=True, help_text="GSS code of the ward or area it is in (E05…)."
    )
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="place_names"
    )
    source = models.CharField(
        max_length=100, blank=True, help_text="Where it came from: a file name or 'postcodes'."
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["normalised", "kind", "area_code"], name="placename_unique_name_kind_area"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    def save(self, *args, **kwargs):
        self.normalised = normalise_place_name(self.name)
        super().save(*args, **kwargs)


class LocationQuerySet(models.QuerySet):
    def with_coordinates(self):
        return self.filter(latitude__isnull=False, longitude__isnull=False)

    def within_box(self, latitude: float, longitude: float, miles: float):
        """Indexed bounding-box pre-filter around a point."""
        min_lat, max_lat, min_lon, max_lon = bounding_box(latitude, longitude, miles)
        return self.filter(
            latitude__gte=min_lat,
            latitude__lte=max_lat,
            longitude__gte=min_lon,
            longitude__lte=max_lon,
        )

    def annotate_distance(self, latitude: float, longitude: float, field_prefix: str = ""):
        """Annotate `distance_miles`: exact great-circle distance from the point."""
        lat = F(f"{field_prefix}latitude")
        lon = F(f"{field_prefix}longitude")
        cosine = Sin(Radians(Value(latitude))) * Sin(Radians(lat)) + Cos(
            Radians(Value(latitude))
        ) * Cos(Radians(lat)) * Cos(Radians(lon) - Radians(Value(longitude)))
        clamped = Greatest(Value(-1.0), Least(Value(1.0), cosine))
        return self.annotate(
            distance_miles=models.ExpressionWrapper(
                Value(EARTH_RADIUS_MILES) * ACos(clamped), output_field=FloatField()
            )
        )

    def near(self, latitude: float, longitude: float, miles: float):
        """Locations within `miles` of the point, nearest first, with `distance_miles`."""
        return (
            self.with_coordinates()
            .within_box(latitude, longitude, miles)
            .annotate_distance(latitude, longitude)
            .filter(distance_miles__lte=miles)
            .order_by("distance_miles")
        )


class Location(models.Model):
    """A physical place where services happen (ORUK location + address)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=255, blank=True)
    description = models.TextField(blank=True)
    address_1 = models.CharField("Address line 1", max_length=255, blank=True)
    address_2 = models.CharField("Address line 2", max_length=255, blank=True)
    city = models.CharField("Town or city", max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="locations",
        help_text="The ward this location is in (set from the postcode).",
    )
    step_free_access = models.BooleanField(default=False)
    hearing_loop = models.BooleanField(default=False)
    accessible_toilet = models.BooleanField(default=False)
    parking = models.BooleanField(default=False)
    accessibility_notes = models.TextField(blank=True)

    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="location_lat_lon")]

    def __str__(self):
        return ", ".join(
            part for part in (self.name, self.address_1, self.postcode) if part
        ) or str(self.id)

    def save(self, *args, **kwargs):
        self.fill_from_postcode()
        super().save(*args, **kwargs)

    def fill_from_postcode(self) -> None:
        """Normalise the postcode and, from the gazetteer, fill in missing coordinates and the ward."""
        postcode = normalise_postcode(self.postcode)
        if not postcode:
            return
        self.postcode = postcode
        row = Postcode.objects.filter(postcode=postcode).first()
        if row is None:
            return
        if self.latitude is None or self.longitude is None:
            self.latitude, self.longitude = row.latitude, row.longitude
        if row.ward_code:
            ward = Area.objects.filter(kind=Area.Kind.WARD, code=row.ward_code).first()
            if ward is not None:
                self.area = ward

    @property
    def one_line_address(self) -> str:
        return ", ".join(
            part for part in (self.address_1, self.address_2, self.city, self.postcode) if part
        )
