"""What a page's map needs from settings: the tile server, the credit it asks for and where
Leaflet is (static/js/maps.js reads them from the map area's data- attributes)."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def map_attributes() -> str:
    """{% map_attributes as map %}: the data- attributes of a map area, or "" when maps are
    off (`MAP_TILE_URL` empty), so templates leave the map out with `{% if map %}`."""
    if not settings.MAP_TILE_URL:
        return ""
    return format_html(
        'data-tile-url="{}" data-tile-attribution="{}" data-leaflet-js="{}" data-leaflet-css="{}"',
        settings.MAP_TILE_URL,
        settings.MAP_TILE_ATTRIBUTION,
        static("vendor/leaflet/leaflet.js"),
        static("vendor/leaflet/leaflet.css"),
    )
