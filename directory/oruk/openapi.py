"""The OpenAPI 3.1 description of the ORUK API, served at /api/oruk/openapi.json."""

from directory.oruk.mapping import DAY_CODES
from directory.oruk.params import (
    DEFAULT_PER_PAGE,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_PROXIMITY_METRES,
)

UUID = {"type": "string", "format": "uuid"}


def _param(name, schema, description, location="query", required=False):
    return {
        "name": name,
        "in": location,
        "required": required,
        "description": description,
        "schema": schema,
    }


PAGING = [
    _param(
        "page",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
        "Page number, from 1.",
    ),
    _param(
        "per_page",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE, "default": DEFAULT_PER_PAGE},
        "Items per page.",
    ),
    _param("search", {"type": "string", "maxLength": 200}, "Words to look for."),
]
SERVICE_FILTERS = [
    _param("taxonomy_term_id", UUID, "Only services with this taxonomy term (or a child of it)."),
    _param("taxonomy_id", UUID, "Only services with a term from this taxonomy."),
    _param("organization_id", UUID, "Only services of this organization."),
    _param(
        "modified_after",
        {"type": "string", "format": "date-time"},
        "Only services changed after this moment (ISO 8601).",
    ),
    _param(
        "postcode",
        {
            "type": "string",
            "maxLength": 8,
            "pattern": "^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?([0-9][A-Za-z]{2})?$",
        },
        "A UK postcode or outcode in the council's area; an unknown one is a 400.",
    ),
    _param(
        "proximity",
        {"type": "number", "minimum": 1, "maximum": MAX_PROXIMITY_METRES},
        "Distance from the postcode in metres (needs postcode).",
    ),
    _param("minimum_age", {"type": "integer", "minimum": 0, "maximum": 150}, "Youngest age."),
    _param("maximum_age", {"type": "integer", "minimum": 0, "maximum": 150}, "Oldest age."),
    _param(
        "day",
        {"type": "string", "enum": list(DAY_CODES)},
        "Open on this day.",
    ),
    _param("start_time", {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2})?$"}, "Open after."),
    _param("end_time", {"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2})?$"}, "Open before."),
]
PAGE_SCHEMA = {
    "type": "object",
    "required": [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ],
    "properties": {
        "total_items": {"type": "integer"},
        "total_pages": {"type": "integer"},
        "page_number": {"type": "integer"},
        "size": {"type": "integer"},
        "first_page": {"type": "boolean"},
        "last_page": {"type": "boolean"},
        "empty": {"type": "boolean"},
        "contents": {"type": "array", "items": {"type": "object"}},
    },
}
ERROR_SCHEMA = {
    "type": "object",
    "required": ["status", "error"],
    "properties": {"status": {"type": "integer"}, "error": {"type": "string"}},
}
RECORD_SCHEMA = {"type": "object", "required": ["id"], "properties": {"id": UUID}}


def _json(description, schema):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _list(summary, parameters):
    return {
        "get": {
            "summary": summary,
            "parameters": parameters,
            "responses": {
                "200": _json("A page of results.", {"$ref": "#/components/schemas/Page"}),
                "400": _json("A bad parameter.", {"$ref": "#/components/schemas/Error"}),
            },
        }
    }


def _detail(summary, name):
    return {
        "get": {
            "summary": summary,
            "parameters": [_param(name, UUID, "The record's id.", location="path", required=True)],
            "responses": {
                "200": _json("The record.", {"$ref": "#/components/schemas/Record"}),
                "404": _json("No such record.", {"$ref": "#/components/schemas/Error"}),
            },
        }
    }


def openapi_document(server_url: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Signpost Open Referral UK API",
            "version": "HSDS-UK-3.0",
            "description": "Published listings in Open Referral UK (HSDS-UK 3.0). Read-only.",
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": {
            "/": {
                "get": {
                    "summary": "About this API",
                    "responses": {
                        "200": _json(
                            "API details.",
                            {
                                "type": "object",
                                "required": ["version", "profile", "openapi_url"],
                                "properties": {
                                    "version": {"type": "string"},
                                    "profile": {"type": "string"},
                                    "openapi_url": {"type": "string"},
                                },
                            },
                        )
                    },
                }
            },
            "/services": _list("Published services", PAGING + SERVICE_FILTERS),
            "/services/{id}": _detail("One published service", "id"),
            "/organizations": _list("Organizations with published services", PAGING),
            "/organizations/{id}": _detail("One organization and its services", "id"),
            "/taxonomies": _list("Taxonomies", PAGING),
            "/taxonomies/{id}": _detail("One taxonomy with its terms", "id"),
            "/taxonomy_terms": _list(
                "Taxonomy terms",
                PAGING
                + [
                    _param("taxonomy_id", UUID, "Only terms of this taxonomy."),
                    _param("parent_id", UUID, "Only children of this term."),
                    _param("root_only", {"type": "boolean"}, "Only top-level terms."),
                ],
            ),
            "/taxonomy_terms/{id}": _detail("One taxonomy term", "id"),
            "/service_at_locations": _list(
                "Where published services happen", PAGING + SERVICE_FILTERS
            ),
            "/service_at_locations/{id}": _detail("One service at a location", "id"),
        },
        "components": {
            "schemas": {"Page": PAGE_SCHEMA, "Error": ERROR_SCHEMA, "Record": RECORD_SCHEMA}
        },
    }
