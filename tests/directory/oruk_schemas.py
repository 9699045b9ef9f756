"""Validate API output against the ORUK validator's HSDS-UK 3.0 JSON schemas."""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

# A copy of the shared ORUK reference data (schemas, examples, the North Lincolnshire feed),
# kept in the repository so a fresh clone tests with nothing beside it; see its README.md for
# where each file came from and its licence.
ORUK_DATA = Path(__file__).resolve().parents[1] / "fixtures" / "oruk"
SCHEMA_DIR = ORUK_DATA / "schema" / "validator-v3.0-uk"

PAGE_KEYS = {
    "total_items": int,
    "total_pages": int,
    "page_number": int,
    "size": int,
    "first_page": bool,
    "last_page": bool,
    "empty": bool,
    "contents": list,
}


@cache
def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / f"{name}.json").read_text())
    return Draft202012Validator(schema, format_checker=FormatChecker())


def assert_valid(name: str, document) -> None:
    """Raise with every problem listed if `document` does not match schema `name`."""
    errors = sorted(validator(name).iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


# The validator's organization_list.json describes one item, not the envelope.
ITEM_SCHEMAS = {"organization_list"}


def assert_valid_page(name: str, document) -> None:
    """A paged list: the envelope's keys and types, then the schema for it or its items."""
    for key, kind in PAGE_KEYS.items():
        assert isinstance(document.get(key), kind), f"{key} missing or not {kind.__name__}"
    if name in ITEM_SCHEMAS:
        for item in document["contents"]:
            assert_valid(name, item)
    else:
        assert_valid(name, document)
