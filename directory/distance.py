"""Distances on the earth, for the directory and search: the one home of miles per degree.

Pure functions, no models and no database, so the models (`LocationQuerySet`), place
resolution (directory.geography), search's index and grid tags all use the same numbers.
"""

import math

EARTH_RADIUS_MILES = 3958.7613
MILES_PER_DEGREE = 69.0547  # of latitude (and of longitude at the equator)


def bounding_box(
    latitude: float, longitude: float, miles: float
) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of a box that contains the circle of `miles` radius.

    Degrees of longitude shrink with cos(latitude), kept above 0.01 near the poles.
    """
    lat_delta = miles / MILES_PER_DEGREE
    lon_delta = lat_delta / max(math.cos(math.radians(latitude)), 0.01)
    return latitude - lat_delta, latitude + lat_delta, longitude - lon_delta, longitude + lon_delta


def great_circle_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles (spherical law of cosines, clamped for rounding)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    cosine = math.sin(phi1) * math.sin(phi2) + math.cos(phi1) * math.cos(phi2) * math.cos(
        math.radians(lon2 - lon1)
    )
    return EARTH_RADIUS_MILES * math.acos(max(-1.0, min(1.0, cosine)))


def miles_from_squared_degrees(value: float | None) -> float | None:
    """Miles for a squared distance in degrees (longitude scaled by cos(latitude)), or None."""
    return None if value is None else math.sqrt(max(value, 0.0)) * MILES_PER_DEGREE
