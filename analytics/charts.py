"""Server-rendered SVG charts: geometry worked out here, markup in templates.

Readable without colour: every bar and dot carries its number as text, dot size encodes the
count, and each chart sits above a table with the same figures.
"""

import math

from django.utils.translation import gettext as _

from analytics.reports.shapes import Table
from portal.suppression import is_small, suppress

BAR_WIDTH = 720
LABEL_WIDTH = 260
VALUE_SPACE = 110
ROW_HEIGHT = 26


def shorten(text, length: int = 38) -> str:
    text = str(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def bar_chart(table: Table) -> dict | None:
    """Bars for the table's chart column; suppressed counts get no bar, only their text."""
    if table.chart is None or not table.rows:
        return None
    chart = table.chart
    rows = table.rows[: chart.limit]
    column = table.column(chart.value_key)
    shown = [
        row[chart.value_key] or 0
        for row in rows
        if not (column.suppressed and is_small(row[chart.value_key]))
    ]
    largest = max(shown, default=0) or 1
    scale = BAR_WIDTH - LABEL_WIDTH - VALUE_SPACE
    bars = []
    for index, row in enumerate(rows):
        value = row[chart.value_key] or 0
        hidden = column.suppressed and is_small(value)
        width = 0 if hidden else round(value * scale / largest, 1)
        bars.append(
            {
                "label": shorten(row[chart.label_key]),
                "value_text": suppress(value) if column.suppressed else value,
                "y": index * ROW_HEIGHT,
                "text_y": index * ROW_HEIGHT + ROW_HEIGHT * 0.65,
                "width": width,
                "value_x": LABEL_WIDTH + width + 6,
            }
        )
    return {
        "title": chart.title,
        "width": BAR_WIDTH,
        "height": len(bars) * ROW_HEIGHT + 4,
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
        "bar_height": ROW_HEIGHT - 8,
        "bars": bars,
    }


MAP_WIDTH = 720
MAP_HEIGHT = 480
MAP_PADDING = 70


def dot_map(points: list[dict]) -> dict | None:
    """Dots at area centres (wards, PCNs…), sized by searches, labelled with name and listings per 100."""
    if not points:
        return None
    latitudes = [point["latitude"] for point in points]
    longitudes = [point["longitude"] for point in points]
    min_lat, max_lat = min(latitudes), max(latitudes)
    min_lon, max_lon = min(longitudes), max(longitudes)
    # Longitude degrees are shorter than latitude degrees this far north.
    aspect = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * aspect, 1e-6)
    span_y = max(max_lat - min_lat, 1e-6)
    scale = min((MAP_WIDTH - 2 * MAP_PADDING) / span_x, (MAP_HEIGHT - 2 * MAP_PADDING) / span_y)
    largest = max((point["searches"] for point in points), default=0) or 1
    dots = []
    for point in points:
        searches = point["searches"]
        hidden = is_small(searches)
        radius = 3 if hidden or not searches else 4 + 18 * math.sqrt(searches / largest)
        x = MAP_PADDING + (point["longitude"] - min_lon) * aspect * scale
        y = MAP_HEIGHT - MAP_PADDING - (point["latitude"] - min_lat) * scale
        per_100 = point["listings_per_100"]
        dots.append(
            {
                "x": round(x, 1),
                "y": round(y, 1),
                "r": round(radius, 1),
                "name": point["area"],
                "label": shorten(point["area"], 24),
                "label_y": round(y - radius - 4, 1),
                "detail": _("%(rate)s per 100")
                % {"rate": per_100 if per_100 is not None else _("not shown")},
                "detail_y": round(y + radius + 12, 1),
                "searches_text": suppress(searches),
            }
        )
    return {"width": MAP_WIDTH, "height": MAP_HEIGHT, "dots": dots}
