"""Access logs keep paths, never query strings (search words, postcodes) or client details."""

import importlib.util
import logging
from pathlib import Path

from portal.logging import ScrubPersonalDataFilter, strip_query_strings

ROOT = Path(__file__).resolve().parents[2]


def test_query_strings_are_dropped_from_log_messages():
    line = '"GET /services/?q=memory+cafe&postcode=S6+2LN HTTP/1.1" 200 5120'
    assert strip_query_strings(line) == '"GET /services/ HTTP/1.1" 200 5120'
    assert strip_query_strings("no query here /admin/") == "no query here /admin/"


def test_runserver_access_lines_go_through_the_filters(settings):
    assert settings.LOGGING["loggers"]["django.server"]["handlers"] == ["console"]
    record = logging.makeLogRecord(
        {
            "name": "django.server",
            "msg": '"%s" %s %s',
            "args": ("GET /services/?q=dementia HTTP/1.1", "200", "1"),
        }
    )
    ScrubPersonalDataFilter().filter(record)
    assert record.getMessage() == '"GET /services/ HTTP/1.1" 200 1'


def test_gunicorn_access_log_format_has_no_query_string_or_client_details():
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    for field in ("%(r)s", "%(q)s", "%(h)s", "%(f)s", "%(a)s"):
        assert field not in conf.access_log_format
    assert "%(U)s" in conf.access_log_format
