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
    post_always: tuple[tuple[str, str], ...] = ()  # sent, unfuzzed, with every POST
    start: str = ""  # GET first with the same client (e.g. to start the referral wizard)


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
CHECK_FIELDS = ("answers", "step", "answer", "go", "change", "changing")

PUBLIC_URLS = [
    PublicUrl("/", ("q", "postcode")),
    # Directory (DESIGN §3)
    PublicUrl("/services/", SEARCH_PARAMS),
    PublicUrl("/services/suggest", ("q", "prefix", "term")),
    PublicUrl("/services/{service_id}/", ("from", "back", "position")),
    PublicUrl("/services/{service_id}/suggest-change/", (), CHANGE_FIELDS),
    PublicUrl("/services/add/", (), CHANGE_FIELDS + ("organisation", "postcode")),
    PublicUrl("/shortlist/", ("ids", "share"), ("service", "service_id", "action", "email")),
    # Provider accounts (#25 item 1)
    PublicUrl("/provider/"),
    PublicUrl("/provider/listings/{service_id}/claim/"),
    PublicUrl("/provider/listings/{service_id}/claim/code/", (), ("code",)),
    PublicUrl(
        "/provider/listings/{service_id}/claim/complete/", (), ("email", "password1", "password2")
    ),
    PublicUrl("/provider/listings/{service_id}/change/", (), CHANGE_FIELDS),
    PublicUrl("/provider/invitations/not-a-token/", (), ("email", "password1", "password2")),
    # Content
    PublicUrl("/advice/", ("q", "page")),
    PublicUrl("/carers/", ("q", "page")),
    PublicUrl("/local-area-coordination/", ("postcode",)),
    PublicUrl("/accessibility-statement/"),
    PublicUrl("/privacy/"),
    PublicUrl("/cookies/"),
    # Self-referral (DESIGN §8): the landing page, and each wizard step below
    PublicUrl("/self-referral/", ("as", "step", "from")),
    PublicUrl("/self-referral/start/", ("as",)),
    PublicUrl("/self-referral/done/", ("reference",)),
    PublicUrl("/self-referral/urgent-help/", ("reason",)),
    PublicUrl("/self-referral/consent-needed/"),
    PublicUrl("/self-referral/not-a-step/"),
    # Care Act checks (#24): the answers so far travel in the posted form
    PublicUrl("/check/"),
    PublicUrl("/check/questions/", (), CHECK_FIELDS),
    PublicUrl("/check/result/", (), ("answers", "postcode")),
    PublicUrl("/check/carer/"),
    PublicUrl("/check/carer/questions/", (), CHECK_FIELDS),
    PublicUrl("/check/carer/result/", (), ("answers", "postcode")),
    # "What you might pay" (#24): every question is a POST to one address
    PublicUrl("/check/cost/"),
    PublicUrl(
        "/check/cost/questions/",
        (),
        (
            "answers",
            "step",
            "back",
            "where",
            "age_band",
            "savings",
            "owns_home",
            "home_value",
            "qualifying_relative",
            "state_pension",
            "other_pensions",
            "benefits",
            "disability_benefit",
            "carers_allowance",
            "disability_costs",
            "care_cost",
        ),
        post_always=(("step", "savings"),),
    ),
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


def wizard_step_urls() -> list[PublicUrl]:
    """Each self-referral step, POSTed in a started wizard with its own step named in the
    management form, so that the nasty values reach that step's form fields."""
    from formtools.wizard.views import normalize_name

    from referrals.wizard import STEPS, ReferralWizard

    management = f"{normalize_name(ReferralWizard.__name__)}-current_step"
    return [
        PublicUrl(
            f"/self-referral/{step}/",
            ("change",),
            tuple(f"{step}-{name}" for name in form_class.base_fields),
            post_always=((management, step),),
            start="/self-referral/start/",
        )
        for step, form_class in STEPS
    ]


PUBLIC_URLS += wizard_step_urls()
