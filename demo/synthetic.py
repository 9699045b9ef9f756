"""Synthetic, anonymous search and referral events for the demo dashboard and the benchmark.

`generate_events(days, per_day, seed, areas, categories)` writes a realistic year (or 90 days)
of `SearchEvent`s, `SearchClick`s and `ReferralEvent`s: a Zipf-like mix of about 200 real
queries (misspellings and needs nobody provides included), weekday and daytime peaks, carers'
searches, click-through and referrals with First Contact outcomes. Deterministic for a seed.
Rows go in through batched raw INSERTs, so a million events take seconds, not minutes.

The benchmark writes the referral events directly; the demo passes `on_referral` and sends
each referral through the referrals service instead (demo.referrals), so the queues hold
the referrals the analytics count.
"""

import bisect
import datetime
import json
import random
import uuid
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Count

from analytics.models import (
    DailySearchAggregate,
    MonthlyAreaAggregate,
    MonthlySearchAggregate,
    ReferralEvent,
    RollUpState,
    SearchClick,
    SearchEvent,
)
from directory.models import Area, Postcode
from directory.vocabulary import CATEGORIES
from referrals.choices import CarerOutcome, Outcome, Team, WellbeingOutcome

SYNTHETIC_BACKEND = "synthetic"
TEAMS = tuple(Team)

# (search words, category code or "", typical number of results within 3 miles)
# fmt: off
QUERIES_BY_CATEGORY: dict[str, list[tuple[str, int]]] = {
    "social-activities": [
        ("lonely", 14), ("social groups", 18), ("things to do", 20),
        ("clubs for older people", 9), ("mens shed", 3), ("craft group", 6),
        ("coffee morning", 11), ("over 50s club", 7), ("knit and natter", 4), ("social club", 12),
        ("meet people", 13), ("loneliness", 12), ("lonley", 2), ("soical groups", 1),
        ("bingo", 4), ("day centre", 5),
    ],
    "befriending": [
        ("befriending", 8), ("befriender", 6), ("telephone befriending", 4), ("befrinding", 1),
        ("someone to talk to", 9), ("visiting service", 3),
    ],
    "lunch-clubs": [
        ("lunch club", 7), ("luncheon club", 5), ("community meal", 6), ("lunch club over 60", 4),
        ("cafe", 15), ("hot meals", 3),
    ],
    "memory-dementia": [
        ("memory cafe", 6), ("dementia", 11), ("dementia support", 9), ("alzheimers", 5),
        ("dementa", 1), ("memory problems", 7), ("dementia carers group", 4),
        ("singing for the brain", 2), ("dementia friendly", 5), ("memory clinic", 2),
    ],
    "carers-support": [
        ("carers", 10), ("carers support", 9), ("young carers", 4), ("carers group", 6),
        ("carers assessment", 3), ("carer", 10), ("looking after mum", 5),
        ("carers allowance", 4), ("carers centre", 2), ("cares support", 1),
    ],
    "carers-breaks": [
        ("respite", 4), ("respite care", 3), ("sitting service", 2), ("carers break", 3),
        ("short breaks", 3), ("day care for dementia", 2),
    ],
    "money-benefits": [
        ("benefits advice", 8), ("debt advice", 7), ("pension credit", 4),
        ("attendance allowance", 5), ("universal credit help", 4), ("citizens advice", 3),
        ("help with bills", 6), ("energy bills", 5), ("benifits", 1), ("blue badge", 2),
        ("council tax support", 3),
    ],
    "mental-health": [
        ("mental health", 12), ("anxiety", 8), ("depression", 7), ("counselling", 6),
        ("stress", 6), ("talking therapy", 4), ("crisis", 3), ("wellbeing", 10),
        ("mental health support group", 5), ("anxeity", 1), ("suicide", 2), ("low mood", 4),
    ],
    "physical-activity": [
        ("walking group", 6), ("chair exercise", 4), ("exercise class", 7), ("swimming", 3),
        ("yoga", 5), ("tai chi", 3), ("walking football", 2), ("gym", 4), ("dance class", 3),
        ("falls prevention", 2), ("keep fit", 5),
    ],
    "mobility-equipment": [
        ("equipment", 5), ("mobility scooter", 2), ("grab rails", 2), ("stairlift", 1),
        ("wheelchair hire", 2), ("adaptations", 3), ("occupational therapy", 2),
        ("walking aids", 2), ("telecare", 2), ("falls alarm", 2),
    ],
    "home-help": [
        ("cleaning", 4), ("gardening help", 3), ("shopping help", 5), ("handyman", 3),
        ("help at home", 6), ("home care", 4), ("cleaner", 3), ("odd jobs", 2),
        ("help with shopping", 5), ("pet care", 1),
    ],
    "transport": [
        ("community transport", 4), ("transport to hospital", 3), ("dial a ride", 2),
        ("bus pass", 3), ("lift to appointments", 2), ("taxi", 1), ("transport", 5),
    ],
    "disability-support": [
        ("disability", 7), ("disabled groups", 5), ("wheelchair users", 3), ("accessible", 6),
        ("physical disability", 4), ("disibility", 1),
    ],
    "learning-disability": [
        ("learning disability", 6), ("autism", 5), ("autism support adults", 3), ("adhd", 2),
        ("autistic", 4), ("down syndrome", 1), ("learning disabilities day service", 2),
    ],
    "sight-hearing": [
        ("sight loss", 3), ("hearing loss", 3), ("deaf", 3), ("blind", 2), ("hearing aids", 2),
        ("macular", 1), ("visually impaired", 2), ("hard of hearing", 2),
    ],
    "health-conditions": [
        ("stroke", 3), ("parkinsons", 2), ("diabetes", 3), ("cancer support", 4), ("copd", 1),
        ("ms support", 1), ("arthritis", 2), ("heart", 2), ("long covid", 1), ("epilepsy", 1),
        ("pain management", 2), ("breathing", 2),
    ],
    "bereavement": [
        ("bereavement", 5), ("grief", 4), ("bereavement support", 4), ("widow", 2),
        ("bereavment", 1), ("loss of a child", 1),
    ],
    "housing": [
        ("housing", 6), ("homeless", 4), ("housing advice", 5), ("sheltered housing", 3),
        ("eviction", 2), ("damp", 1), ("care home", 3), ("extra care housing", 2),
    ],
    "food": [
        ("food bank", 8), ("foodbank", 8), ("food parcel", 5), ("pantry", 4), ("free food", 6),
        ("food", 10), ("baby bank", 1), ("warm space", 6), ("warm spaces", 6),
    ],
    "digital-skills": [
        ("computer help", 4), ("ipad class", 2), ("digital skills", 4), ("internet", 5),
        ("smartphone help", 3), ("online shopping help", 1), ("free wifi", 4),
    ],
    "volunteering": [
        ("volunteering", 10), ("volunteer", 10), ("adult learning", 4), ("courses", 5),
        ("english classes", 3), ("esol", 2),
    ],
    "safeguarding": [
        ("scams", 2), ("domestic abuse", 3), ("elder abuse", 1), ("safeguarding", 2),
        ("worried about neighbour", 1), ("fraud", 1),
    ],
    "substance-misuse": [
        ("alcohol", 3), ("drugs", 2), ("drinking", 2), ("gambling", 1), ("aa meetings", 2),
    ],
    "information-advice": [
        ("advice", 12), ("advocacy", 3), ("help", 15), ("support", 18), ("social services", 4),
        ("social worker", 3), ("care act", 1), ("power of attorney", 2), ("adult social care", 5),
    ],
    "hospital-discharge": [
        ("hospital discharge", 2), ("home from hospital", 2), ("after hospital", 2),
        ("reablement", 1),
    ],
    "faith-culture": [
        ("church", 6), ("mosque", 3), ("urdu", 2), ("polish", 1), ("lgbt", 2), ("african", 2),
        ("chinese community", 1), ("somali", 1), ("womens group", 4),
    ],
    "local-area-coordination": [
        ("local area coordinator", 3), ("lac", 2), ("local area coordination", 3),
        ("community connector", 1), ("social prescribing", 3),
    ],
}
# Needs people search for that the directory rarely or never meets (zero results).
UNMET_QUERIES = [
    ("stoma support group", "health-conditions"), ("sign language cafe", "sight-hearing"),
    ("bsl", "sight-hearing"), ("autism adults social group evening", "learning-disability"),
    ("male carers group", "carers-support"), ("dementia swimming", "memory-dementia"),
    ("night sitting", "carers-breaks"), ("tinnitus group", "sight-hearing"),
    ("mobile hairdresser", "home-help"), ("sensory garden", "disability-support"),
    ("hair cutting at home", "home-help"), ("weekend lunch club", "lunch-clubs"),
    ("lgbt older people", "faith-culture"), ("veterans breakfast club", "social-activities"),
    ("boccia", "physical-activity"), ("memory cafe saturday", "memory-dementia"),
    ("parkinsons exercise", "health-conditions"), ("bereaved parents", "bereavement"),
    ("gamblers anonymous", "substance-misuse"), ("wheelchair accessible taxi", "transport"),
]
# fmt: on
CARER_CATEGORIES = {"carers-support", "carers-breaks"}
CARER_WORDS = ("carer", "respite", "sitting service", "looking after")
REFERRAL_OUTCOMES = [
    (Outcome.INFORMATION_ADVICE, 30),
    (Outcome.COMMUNITY_ASSET, 20),
    (Outcome.LAC_INTRODUCTION, 12),
    (Outcome.CARERS_CENTRE, 6),
    (Outcome.NEEDS_ASSESSMENT, 22),
    (Outcome.SAFEGUARDING, 3),
    (Outcome.NO_FURTHER_ACTION, 7),
]
WELLBEING_NEEDS = [outcome.value for outcome in WellbeingOutcome]
CARER_NEEDS = [outcome.value for outcome in CarerOutcome]  # a carer's own outcomes
HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 3, 5, 8, 11, 12, 12, 11, 11, 11, 10, 9, 8, 8, 9, 8, 6, 4, 2]
FALLBACK_DISTRICTS = [f"S{number}" for number in range(1, 37)]


@dataclass(frozen=True)
class SyntheticReferral:
    """A self-referral sent after a synthetic search: when (to the hour), from which ward,
    in which visit (the search's session hash), and whether by a carer."""

    occurred: datetime.datetime
    area: Area | None
    session: str
    is_carer: bool


def query_mix(categories=None) -> list[tuple[str, str, int]]:
    """(query, category, typical results) in popularity order, restricted to `categories`."""
    allowed = set(categories) if categories else {code for code, *_rest in CATEGORIES}
    mix = []
    # Interleave categories so that popularity ranks spread across needs.
    lists = [
        [(query, code, results) for query, results in queries]
        for code, queries in QUERIES_BY_CATEGORY.items()
        if code in allowed
    ]
    for index in range(max((len(items) for items in lists), default=0)):
        mix.extend(items[index] for items in lists if index < len(items))
    # Unmet needs are not rare: spread them through the middle of the popularity ranks.
    unmet = [(query, code, 0) for query, code in UNMET_QUERIES if code in allowed]
    for index, item in enumerate(unmet):
        mix.insert(min(12 + index * 10, len(mix)), item)
    return mix


def generate_events(
    days: int = 90,
    per_day: int = 300,
    seed: int = 2026,
    areas=None,
    categories=None,
    *,
    end: datetime.date | None = None,
    services=None,
    backend: str = SYNTHETIC_BACKEND,
    batch_size: int = 20_000,
    on_referral: Callable[[SyntheticReferral], None] | None = None,
) -> int:
    """Write `days` days (ending yesterday, or on `end`) of about `per_day` searches a day.

    `areas`: the wards events come from (default: every ward); `categories`: the category
    codes to use (default: the whole vocabulary); `services`: live service ids for clicks;
    `on_referral`: called with each referral that followed a search instead of writing its
    `ReferralEvent` (the demo sends them through the referrals service).
    Returns the number of search events written.
    """
    rng = random.Random(seed)  # noqa: S311 - repeatable demo data, not secrets
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    end = end or (datetime.datetime.now(zone).date() - datetime.timedelta(days=1))
    if areas is None:
        areas = list(Area.objects.filter(kind=Area.Kind.WARD).order_by("name"))
    areas = list(areas)
    services = list(services or [])
    mix = query_mix(categories)
    if not mix:
        return 0
    query_weights = [1 / (rank + 1) ** 1.05 for rank in range(len(mix))]
    cumulative_queries = _cumulative(query_weights)

    # Each ward gets a steady "demand" weight and a "supply" factor, so gaps show up.
    area_weights = [rng.uniform(0.3, 2.0) for _area in areas]
    area_supply = [rng.choice([0.2, 0.5, 0.8, 1.0, 1.0, 1.3, 1.8]) for _area in areas]
    districts = _districts(areas, Postcode)

    writer = _Writer(batch_size)
    written = 0
    with transaction.atomic():
        next_id = (
            SearchEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        ) + 1
        for offset in range(days - 1, -1, -1):
            day = end - datetime.timedelta(days=offset)
            weekday_factor = 0.6 if day.weekday() >= 5 else 1.0
            count = max(0, round(per_day * weekday_factor * rng.uniform(0.85, 1.15)))
            for _index in range(count):
                event_id = next_id
                next_id += 1
                written += 1
                hour = rng.choices(range(24), weights=HOUR_WEIGHTS)[0]
                occurred = datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone)
                query, category, typical = mix[_pick(rng, cumulative_queries)]
                browse = rng.random() < 0.25  # category chosen, no words typed
                with_filter = browse or rng.random() < 0.3
                if browse:
                    query = ""
                area_index = (
                    rng.choices(range(len(areas)), weights=area_weights)[0] if areas else None
                )
                area = areas[area_index] if area_index is not None and rng.random() > 0.08 else None
                supply = area_supply[area_index] if area is not None else 1.0
                if typical == 0 and not browse:
                    results = 0
                else:
                    results = max(0, round(max(typical, 1) * supply * rng.uniform(0.4, 1.6)))
                is_carer = category in CARER_CATEGORIES or any(
                    word in query for word in CARER_WORDS
                )
                is_carer = is_carer or rng.random() < 0.03
                referred = rng.random() < (0.03 if results < 3 else 0.012)
                session = f"{rng.getrandbits(64):016x}"
                writer.event(
                    event_id,
                    occurred,
                    query,
                    category if with_filter else "",
                    area,
                    districts.get(area.pk) if area else rng.choice(FALLBACK_DISTRICTS),
                    results,
                    rng.uniform(15, 250),
                    backend,
                    session,
                    is_carer,
                    referred,
                )
                if results and rng.random() < 0.45:
                    for position in rng.sample(
                        range(1, min(results, 10) + 1), k=min(results, rng.choice([1, 1, 1, 2, 3]))
                    ):
                        writer.click(
                            event_id,
                            rng.choice(services) if services else None,
                            position,
                            occurred,
                            session,
                        )
                if referred and on_referral is not None:
                    on_referral(SyntheticReferral(occurred, area, session, is_carer))
                elif referred:
                    writer.referral(rng, occurred, area, districts, session, is_carer, end)
            writer.flush_if_full()
        writer.flush()
        _reset_sequences()
    return written


def _cumulative(weights):
    total, cumulative = 0.0, []
    for weight in weights:
        total += weight
        cumulative.append(total)
    return cumulative


def _pick(rng, cumulative) -> int:
    return bisect.bisect_left(cumulative, rng.random() * cumulative[-1])


def _districts(areas, postcode_model) -> dict:
    """The commonest postcode district (outcode) in each ward, from the gazetteer."""
    codes = {area.code: area.pk for area in areas if area.code}
    counts: dict = {}
    for row in (
        postcode_model.objects.filter(ward_code__in=list(codes))
        .values("ward_code", "outcode")
        .annotate(n=Count("postcode"))
        .order_by("-n")
    ):
        counts.setdefault(codes[row["ward_code"]], row["outcode"])
    fallback = iter(FALLBACK_DISTRICTS * (len(areas) // len(FALLBACK_DISTRICTS) + 1))
    return {area.pk: counts.get(area.pk) or next(fallback) for area in areas}


def _reset_sequences():
    """After explicit ids, PostgreSQL's sequence must move past them (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), [SearchEvent])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


class _Writer:
    """Buffers rows and writes them with one INSERT … executemany per table and batch."""

    def __init__(self, batch_size: int):
        self.batch_size = batch_size
        self.events: list[tuple] = []
        self.clicks: list[tuple] = []
        self.referrals: list[tuple] = []
        self.datetimes: dict = {}
        self.area_values: dict = {}
        self.event_sql, self.event_defaults = _insert_sql(
            SearchEvent,
            [
                "id",
                "occurred_hour",
                "query",
                "categories",
                "category",
                "filters",
                "postcode_district",
                "area",
                "result_count",
                "latency_ms",
                "backend",
                "session_hash",
                "visit",
                "is_carer_search",
                "followed_by_referral",
            ],
        )
        self.click_sql, self.click_defaults = _insert_sql(
            SearchClick, ["event", "service", "position", "occurred_hour", "session_hash"]
        )
        self.referral_sql, self.referral_defaults = _insert_sql(
            ReferralEvent,
            [
                "token",
                "created_hour",
                "team",
                "area",
                "postcode_district",
                "is_carer",
                "carer_assessment_requested",
                "needs",
                "session_hash",
                "outcome",
                "closed_month",
            ],
        )
        self.json_values: dict = {}
        self.filters_json = self.json(SearchEvent, "filters", {"radius": 3})

    def json(self, model, name, value):
        """A JSON value ready for the database (a string on SQLite, an adapter on PostgreSQL)."""
        key = (model, name, json.dumps(value))
        if key not in self.json_values:
            field = model._meta.get_field(name)
            self.json_values[key] = field.get_db_prep_save(value, connection)
        return self.json_values[key]

    def when(self, moment):
        if moment not in self.datetimes:
            self.datetimes[moment] = connection.ops.adapt_datetimefield_value(moment)
        return self.datetimes[moment]

    def area(self, area):
        if area is None:
            return None
        if area.pk not in self.area_values:
            field = SearchEvent._meta.get_field("area")
            self.area_values[area.pk] = field.get_db_prep_save(area.pk, connection)
        return self.area_values[area.pk]

    def event(
        self,
        event_id,
        occurred,
        query,
        category,
        area,
        district,
        results,
        latency,
        backend,
        session,
        is_carer,
        referred,
    ):
        self.events.append(
            (
                event_id,
                self.when(occurred),
                query,
                self.json(SearchEvent, "categories", [category] if category else []),
                category,
                self.filters_json,
                district or "",
                self.area(area),
                results,
                round(latency, 1),
                backend,
                session,
                session,  # each synthetic search is its own visit
                is_carer,
                referred,
                *self.event_defaults,
            )
        )

    def click(self, event_id, service_id, position, occurred, session):
        service = (
            SearchClick._meta.get_field("service").get_db_prep_save(service_id, connection)
            if service_id
            else None
        )
        self.clicks.append(
            (event_id, service, position, self.when(occurred), session, *self.click_defaults)
        )

    def referral(self, rng, occurred, area, districts, session, is_carer, end):
        token = uuid.UUID(int=rng.getrandbits(128), version=4)
        token_value = ReferralEvent._meta.get_field("token").get_db_prep_save(token, connection)
        outcome, closed_month = "", None
        if (end - occurred.date()).days > 14 or rng.random() < 0.3:
            codes, weights = zip(*REFERRAL_OUTCOMES, strict=True)
            outcome = rng.choices(codes, weights=weights)[0].value
            if outcome == Outcome.CARERS_CENTRE and not is_carer:
                outcome = Outcome.COMMUNITY_ASSET.value
            closed = min(occurred.date() + datetime.timedelta(days=rng.randint(1, 25)), end)
            closed_month = connection.ops.adapt_datefield_value(closed.replace(day=1))
        self.referrals.append(
            (
                token_value,
                self.when(occurred),
                Team.CARERS_CENTRE.value
                if is_carer and rng.random() < 0.6
                else Team.FIRST_CONTACT.value,
                self.area(area),
                districts.get(area.pk, "") if area else "",
                is_carer,
                is_carer and rng.random() < 0.4,
                self.json(
                    ReferralEvent,
                    "needs",
                    sorted(
                        rng.sample(
                            CARER_NEEDS if is_carer else WELLBEING_NEEDS, k=rng.randint(1, 3)
                        )
                    ),
                ),
                session,
                outcome,
                closed_month,
                *self.referral_defaults,
            )
        )

    def flush_if_full(self):
        if len(self.events) >= self.batch_size:
            self.flush()

    def flush(self):
        with connection.cursor() as cursor:
            for sql, rows in (
                (self.event_sql, self.events),
                (self.click_sql, self.clicks),
                (self.referral_sql, self.referrals),
            ):
                if rows:
                    cursor.executemany(sql, rows)
        self.events, self.clicks, self.referrals = [], [], []


def _insert_sql(model, field_names) -> tuple[str, tuple]:
    """INSERT for the named fields plus any other column (filled with its default), so the
    generator keeps working when a field with a default is added to the model."""
    named = [model._meta.get_field(name) for name in field_names]
    others = [
        field
        for field in model._meta.concrete_fields
        if field not in named and not field.primary_key
    ]
    defaults = tuple(field.get_db_prep_save(field.get_default(), connection) for field in others)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in named + others)
    placeholders = ", ".join(["%s"] * (len(named) + len(others)))
    table = connection.ops.quote_name(model._meta.db_table)
    # Table and column names come from model metadata, quoted; values are parameters.
    return f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", defaults  # noqa: S608


def remove_synthetic_events() -> int:
    """Delete earlier synthetic events, their clicks and their referral events.

    Roll-ups cannot tell synthetic counts from real ones, so they are cleared too and must be
    rebuilt (`retention.roll_up`) from the raw events that remain: for demo databases only.
    """
    DailySearchAggregate.objects.all().delete()
    MonthlySearchAggregate.objects.all().delete()
    MonthlyAreaAggregate.objects.all().delete()
    RollUpState.objects.all().delete()
    events = SearchEvent.objects.filter(backend=SYNTHETIC_BACKEND)
    sessions = events.values("session_hash")
    ReferralEvent.objects.filter(session_hash__in=sessions, team__in=TEAMS).delete()
    SearchClick.objects.filter(event__in=events).delete()
    count, _by_model = events.delete()
    return count
