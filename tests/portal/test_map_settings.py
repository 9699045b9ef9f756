"""Map settings (#20): the tile server's CSP image source follows MAP_TILE_URL (CSP_IMG_SRC,
when set, still replaces it), MAP_TILE_URL="" turns maps off, and the `map_attributes` tag
hands the settings to static/js/maps.js as data- attributes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template

from portal.settings.env import image_sources_for_tiles

ROOT = Path(__file__).resolve().parents[2]
OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


@pytest.mark.parametrize(
    ("template", "sources"),
    [
        (OSM, ["https://tile.openstreetmap.org"]),
        ("https://{s}.tiles.example/{z}/{x}/{y}.png?key=abc", ["https://*.tiles.example"]),
        (
            "https://maps.council.example:8443/tiles/{z}/{x}/{y}.png",
            ["https://maps.council.example:8443"],
        ),
        ("/tiles/{z}/{x}/{y}.png", []),  # our own site: 'self' covers it
        ("", []),  # maps off
    ],
)
def test_image_sources_follow_the_tile_url(template, sources):
    assert image_sources_for_tiles(template) == sources


@pytest.mark.parametrize(
    "template", ["ftp://tiles.example/{z}/{x}/{y}.png", "https://{a}.tiles.example/{z}.png"]
)
def test_a_tile_url_the_policy_cannot_name_is_a_configuration_error(template):
    with pytest.raises(ImproperlyConfigured, match="MAP_TILE_URL"):
        image_sources_for_tiles(template)


def image_sources_with(env: dict) -> list[str]:
    """img-src of the settings as a fresh process reads them with `env`."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"MAP_TILE_URL", "CSP_IMG_SRC"}
    }
    environment.update(env)
    code = (
        "import json, portal.settings.base as s;"
        "print(json.dumps(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("env", "tile_sources"),
    [
        ({}, ["https://tile.openstreetmap.org"]),
        (
            {"MAP_TILE_URL": "https://{s}.tiles.example/{z}/{x}/{y}.png"},
            ["https://*.tiles.example"],
        ),
        ({"MAP_TILE_URL": ""}, []),
        ({"CSP_IMG_SRC": "https://tiles.council.example"}, ["https://tiles.council.example"]),
    ],
    ids=["default", "own-tile-server", "maps-off", "csp-img-src-replaces"],
)
def test_the_policy_allows_images_from_the_tile_server_only(env, tile_sources):
    assert image_sources_with(env) == ["'self'", "data:", "blob:", *tile_sources]


def render_attributes() -> str:
    return Template("{% load maps %}{% map_attributes as map %}{{ map }}").render(Context())


def test_map_attributes_carry_the_tile_settings_and_leaflet(settings):
    settings.MAP_TILE_URL = OSM
    settings.MAP_TILE_ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OSM</a>'
    html = render_attributes()
    assert f'data-tile-url="{OSM}"' in html
    assert (
        'data-tile-attribution="© &lt;a href=&quot;https://www.openstreetmap.org/copyright&quot;'
        '&gt;OSM&lt;/a&gt;"'
    ) in html
    assert 'data-leaflet-js="/static/vendor/leaflet/leaflet.js"' in html
    assert 'data-leaflet-css="/static/vendor/leaflet/leaflet.css"' in html


def test_no_map_attributes_when_maps_are_off(settings):
    settings.MAP_TILE_URL = ""
    assert render_attributes() == ""


def test_leaflet_is_vendored_with_its_version_and_licence():
    vendor = ROOT / "static" / "vendor" / "leaflet"
    assert (vendor / "VERSION").read_text().strip() == "1.9.4"
    assert "Leaflet 1.9.4" in (vendor / "leaflet.js").read_text()[:200]
    assert "BSD 2-Clause" in (vendor / "LICENSE").read_text()
    assert (vendor / "images" / "marker-icon.png").exists()  # named by leaflet.css
