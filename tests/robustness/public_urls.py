"""Every public URL (DESIGN.md §3 and §7), with the parameters and form fields people can send.

The 500-free sweep (test_no_server_errors.py) requests each URL once for every parameter and
field set to every value in NASTY_VALUES, and for every path with each id in MALFORMED_IDS.
The rule: 2xx, 3xx or 4xx, never 5xx. Add a URL here when you add a public view.

Placeholders in paths are filled from the demo data: {service_id}, {organisation_id}.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class PublicUrl:
    path: str
    params: tuple[str, ...] = ()  # query-string parameters to fuzz on GET
    post_fields: tuple[str, ...] = ()  # form fields to fuzz on POST (none: GET only)


NASTY_VALUES = [
    "",
    " ",
    "\x00",
    "%00",
    "\x1b[31m\x07\x08\x7f",
    "\u202eevil\u200b\ufeff",
    "😀" * 60,
    "Ω≈ç√∫˜µ≤≥÷ åß∂ƒ© 田中さん ثم نفس",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '"; DROP TABLE directory_service; --',
    "../../../../etc/passwd",
    "%",
    "\\",
    "*:()&|!",
    "A" * 5_000,
    "-1",
    "0",
    "99999999999999999999999999",
    "1e309",
    "NaN",
    "-inf",
    "1.5",
    "null",
    "[]",
    "S1 2HH",  # valid, so the other parameters are reached
]

# Put in place of every id in a path.
MALFORMED_IDS = [
    "not-a-uuid",
    "00000000-0000-0000-0000-000000000000",
    "ffffffff-ffff-ffff-ffff-ffffffffffff",
    "1' OR '1'='1",
    "..%2F..%2Fetc%2Fpasswd",
    "%00",
    "😀",
    "9" * 400,
]

SEARCH_PARAMS = (
    "q",
    "postcode",
    "radius",
    "category",
    "kind",
    "open_now",
    "age",
    "cost",
    "page",
    "sort",
)
CHANGE_FIELDS = ("name", "summary", "description", "url", "email", "phone", "details", "contact")
ORUK_LIST_PARAMS = ("page", "per_page")

PUBLIC_URLS = [
    PublicUrl("/", ("q", "postcode")),
    # Directory (DESIGN §3)
    PublicUrl("/services/", SEARCH_PARAMS),
    PublicUrl("/services/suggest", ("q", "prefix", "term")),
    PublicUrl("/services/{service_id}/", ("from", "back", "position")),
    PublicUrl("/services/{service_id}/suggest-change/", (), CHANGE_FIELDS),
    PublicUrl("/services/add/", (), CHANGE_FIELDS + ("organisation", "postcode")),
    PublicUrl("/shortlist/", ("ids", "share"), ("service", "service_id", "action", "email")),
    # Content
    PublicUrl("/advice/", ("q", "page")),
    PublicUrl("/carers/", ("q", "page")),
    PublicUrl("/local-area-coordination/", ("postcode",)),
    PublicUrl("/accessibility-statement/"),
    PublicUrl("/privacy/"),
    PublicUrl("/cookies/"),
    # Self-referral (DESIGN §8); the wizard's step names come with the referrals app
    PublicUrl(
        "/self-referral/",
        ("step", "from"),
        ("self_referral_wizard-current_step", "who", "name", "postcode", "details", "website"),
    ),
    PublicUrl("/self-referral/done/", ("reference",)),
    # Operations and accounts
    PublicUrl("/healthz"),
    PublicUrl("/robots.txt"),
    PublicUrl("/sitemap.xml", ("p", "page")),
    PublicUrl("/accounts/login/", ("next",), ("login", "password", "remember")),
    PublicUrl("/accounts/password/reset/", (), ("email",)),
    # Open Referral UK API (DESIGN §7)
    PublicUrl("/api/oruk/"),
    PublicUrl("/api/oruk/openapi.json"),
    PublicUrl(
        "/api/oruk/services",
        ORUK_LIST_PARAMS
        + (
            "search",
            "taxonomy_term_id",
            "taxonomy_id",
            "organization_id",
            "modified_after",
            "postcode",
            "proximity",
            "minimal",
            "full",
        ),
    ),
    PublicUrl("/api/oruk/services/{service_id}"),
    PublicUrl("/api/oruk/organizations", ORUK_LIST_PARAMS + ("search",)),
    PublicUrl("/api/oruk/organizations/{organisation_id}"),
    PublicUrl("/api/oruk/taxonomies", ORUK_LIST_PARAMS + ("search", "vocabulary")),
    PublicUrl(
        "/api/oruk/taxonomy_terms", ORUK_LIST_PARAMS + ("taxonomy_id", "parent_id", "search")
    ),
    PublicUrl("/api/oruk/service_at_locations", ORUK_LIST_PARAMS + ("service_id", "postcode")),
]
