"""Filter words stored with each indexed service, so the full-text index does the filtering.

A search for "carers" near S6 in "Memory and dementia" asks the full-text index for rows that
have the text *and* the category tag *and* one of the grid cells around S6: the index
intersects its lists in one pass, instead of the database checking every text match against
the category and location tables.

Tags are single alphanumeric tokens that end in a digit, so the tokenizer keeps them whole
and the Porter stemmer leaves them alone:

- `c<code>0`: a category code or one of its ancestors ("memory-dementia" -> "cmemorydementia0");
- `k<kind>0`: the kind of listing; `isfree1` for free listings;
- `f<feature code>0`: an access feature, language or "no referral needed" (search.features);
- `g<level>x<column>y<row>`: the grid cell holding a location, at each level from
  `COARSEST` (cells of half a degree) to `FINEST` (1/256 degree, about a quarter of a mile).
"""

import math
import re

from directory.distance import bounding_box
from search.features import feature_tag

COARSEST, FINEST = 1, 8
MAX_CELLS = 16  # a radius is covered by at most this many cells, at the finest level that fits
FREE_TAG = "isfree1"
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def category_tag(code: str) -> str:
    return f"c{_NOT_ALNUM.sub('', code.lower())}0"


def kind_tag(kind: str) -> str:
    return f"k{_NOT_ALNUM.sub('', kind.lower())}0"


def _cell(level: int, latitude: float, longitude: float) -> tuple[int, int]:
    scale = 2**level
    return math.floor((longitude + 180) * scale), math.floor((latitude + 90) * scale)


def cell_tags(latitude: float, longitude: float) -> list[str]:
    tags = []
    for level in range(COARSEST, FINEST + 1):
        column, row = _cell(level, latitude, longitude)
        tags.append(f"g{level}x{column}y{row}")
    return tags


def cover(latitude: float, longitude: float, miles: float) -> list[str]:
    """Cell tags whose cells together contain the circle, at the finest level with few cells.

    Empty when even the coarsest level needs too many (then no location filter is applied
    by the full-text index and the exact distance check does all the work).
    """
    min_lat, max_lat, min_lon, max_lon = bounding_box(latitude, longitude, miles)
    for level in range(FINEST, COARSEST - 1, -1):
        west, south = _cell(level, min_lat, min_lon)
        east, north = _cell(level, max_lat, max_lon)
        if (east - west + 1) * (north - south + 1) <= MAX_CELLS:
            return [
                f"g{level}x{column}y{row}"
                for column in range(west, east + 1)
                for row in range(south, north + 1)
            ]
    return []


def document_tags(codes, kind: str, is_free: bool, points, features=()) -> str:
    """The tags of one indexed service, space-separated."""
    tags = [category_tag(code) for code in codes]
    tags += [feature_tag(code) for code in features]
    if kind:
        tags.append(kind_tag(kind))
    if is_free:
        tags.append(FREE_TAG)
    cells: dict[str, None] = {}
    for latitude, longitude in points:
        cells.update(dict.fromkeys(cell_tags(latitude, longitude)))
    return " ".join([*tags, *cells])
