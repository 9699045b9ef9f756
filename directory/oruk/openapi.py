"""The OpenAPI 3.1 description of the ORUK API, served at /api/oruk/openapi.json.

It states what params.py enforces (from the same constants), and its links tell a client
(and schemathesis's stateful tests) which ids in one response lead to which other operation.
"""

from directory.oruk.mapping import DAY_CODES
from directory.oruk.params import (
    DEFAULT_PER_PAGE,
    MAX_PAGE,
    MAX_PER_PAGE,
    MAX_POSTCODE_LENGTH,
    MAX_PROXIMITY_METRES,
    MAX_SEARCH_LENGTH,
    NO_NUL_PATTERN,
    POSTCODE_PATTERN,
    TIME_PATTERN,
)
from directory.vocabulary import WEEKDAYS

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
    _param(
        "search",
        {"type": "string", "maxLength": MAX_SEARCH_LENGTH, "pattern": NO_NUL_PATTERN},
        "Words to look for (empty: no search).",
    ),
]
DAYS = list(DAY_CODES) + list(WEEKDAYS.values()) + [str(number) for number in WEEKDAYS]
SERVICE_FILTERS = [
    _param("taxonomy_term_id", UUID, "Only services with this taxonomy term (or a child of it)."),
    _param("taxonomy_id", UUID, "Only services with a term from this taxonomy."),
    _param("organization_id", UUID, "Only services of this organization."),
    _param(
        "modified_after",
        {
            "anyOf": [
                {"type": "string", "format": "date-time"},
                {"type": "string", "format": "date"},
            ]
        },
        "Only services changed after this moment: an RFC 3339 date-time with a UTC offset under"
        " 24 hours, or a date (midnight UTC).",
    ),
    _param(
        "postcode",
        {"type": "string", "maxLength": MAX_POSTCODE_LENGTH, "pattern": POSTCODE_PATTERN},
        "A UK postcode or outcode in the council's area. One that is not in the council's"
        " postcode list is a 400 saying so.",
    ),
    _param(
        "proximity",
        {"type": "number", "minimum": 1, "maximum": MAX_PROXIMITY_METRES},
        "Distance from the postcode in metres. Without a postcode it is a 400.",
    ),
    _param("minimum_age", {"type": "integer", "minimum": 0, "maximum": 150}, "Youngest age."),
    _param(
        "maximum_age",
        {"type": "integer", "minimum": 0, "maximum": 150},
        "Oldest age. Less than minimum_age is a 400.",
    ),
    _param("day", {"type": "string", "enum": DAYS}, "Open on this day (case does not matter)."),
    _param(
        "start_time",
        {"type": "string", "pattern": TIME_PATTERN},
        "Open after this time (24-hour clock).",
    ),
    _param(
        "end_time",
        {"type": "string", "pattern": TIME_PATTERN},
        "Open before this time (24-hour clock).",
    ),
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
BAD_PARAMETER = (
    "A bad parameter: empty, given twice, of the wrong type or form, out of range, or (for"
    " postcode, proximity and the ages) not usable together. The message says which."
)


def _json(description, schema, links=None):
    response = {"description": description, "content": {"application/json": {"schema": schema}}}
    if links:
        response["links"] = links
    return response


def _link(operation_id, where, parameter="id"):
    """A link to `operation_id`, its `parameter` taken from `where` in this response's body."""
    return {operation_id: {"operationId": operation_id, "parameters": {parameter: where}}}


def _list(operation_id, summary, parameters, detail_id):
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": parameters,
            "responses": {
                "200": _json(
                    "A page of results.",
                    {"$ref": "#/components/schemas/Page"},
                    links=_link(detail_id, "$response.body#/contents/0/id"),
                ),
                "400": _json(BAD_PARAMETER, {"$ref": "#/components/schemas/Error"}),
            },
        }
    }


def _detail(operation_id, summary, links):
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": [
                _param(
                    "id", UUID, "The record's id (not a UUID: 404).", location="path", required=True
                )
            ],
            "responses": {
                "200": _json("The record.", {"$ref": "#/components/schemas/Record"}, links=links),
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
            "description": (
                "Published listings in Open Referral UK (HSDS-UK 3.0). Read-only. A query"
                " parameter that is given must have a value (only search may be empty) and be"
                " given once; parameters this API does not know are ignored. Errors are JSON:"
                " {status, error}."
            ),
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": {
            "/": {
                "get": {
                    "operationId": "getApiDetails",
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
            "/services": _list(
                "listServices", "Published services", PAGING + SERVICE_FILTERS, "getService"
            ),
            "/services/{id}": _detail(
                "getService",
                "One published service",
                _link("getOrganization", "$response.body#/organization_id")
                | _link("getServiceAtLocation", "$response.body#/service_at_locations/0/id"),
            ),
            "/organizations": _list(
                "listOrganizations",
                "Organizations with published services",
                PAGING,
                "getOrganization",
            ),
            "/organizations/{id}": _detail(
                "getOrganization",
                "One organization and its services",
                _link("getService", "$response.body#/services/0/id")
                | _link("listServices", "$response.body#/id", parameter="organization_id"),
            ),
            "/taxonomies": _list("listTaxonomies", "Taxonomies", PAGING, "getTaxonomy"),
            "/taxonomies/{id}": _detail(
                "getTaxonomy",
                "One taxonomy with its terms",
                _link("getTaxonomyTerm", "$response.body#/taxonomy_terms/0/id")
                | _link("listTaxonomyTerms", "$response.body#/id", parameter="taxonomy_id"),
            ),
            "/taxonomy_terms": _list(
                "listTaxonomyTerms",
                "Taxonomy terms",
                PAGING
                + [
                    _param("taxonomy_id", UUID, "Only terms of this taxonomy."),
                    _param("parent_id", UUID, "Only children of this term."),
                    _param("root_only", {"type": "boolean"}, "Only top-level terms (true/false)."),
                ],
                "getTaxonomyTerm",
            ),
            "/taxonomy_terms/{id}": _detail(
                "getTaxonomyTerm",
                "One taxonomy term",
                _link("getTaxonomy", "$response.body#/taxonomy_id")
                | _link("listServices", "$response.body#/id", parameter="taxonomy_term_id"),
            ),
            "/service_at_locations": _list(
                "listServiceAtLocations",
                "Where published services happen",
                PAGING + SERVICE_FILTERS,
                "getServiceAtLocation",
            ),
            "/service_at_locations/{id}": _detail(
                "getServiceAtLocation",
                "One service at a location",
                _link("getService", "$response.body#/service_id"),
            ),
        },
        "components": {
            "schemas": {"Page": PAGE_SCHEMA, "Error": ERROR_SCHEMA, "Record": RECORD_SCHEMA}
        },
    }
