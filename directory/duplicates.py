"""Possible duplicate listings: finding and scoring pairs, merging them, setting them aside.

A pair's score (0 to 100) is its names' likeness plus points for each contact detail the two
listings share (docs/duplicates.md explains it with examples):

    name points     = max(0, name likeness − 60) × 1.5       (0 to 60; likeness 0–100)
    evidence points = phone 40, email 40, the same summary or description 40, website 20,
                      postcode 15; at most 55 together
    score           = min(100, name points + evidence points) − 40 if both listings have
                      postcodes and share none ("different postcodes": one network's group
                      in two places, not one service twice); never below 0

Name likeness is rapidfuzz's `token_sort_ratio` of the names in lower case without
punctuation ("&" read as "and"), so word order and punctuation do not count. A pair at or
above `CANDIDATE_SCORE` goes to the coordinators' queue; at or above `STRONG_SCORE` it is
"strong": a new listing with a strong match to a live one is held back (`strong_match`).
Evidence alone stops at 55, so a strong pair needs names at least 74% alike.

Candidates are not found by comparing every listing with every other: listings are put in
blocks by each postcode, phone number, email address and website they have and by the first
significant word of their name (and the first in alphabetical order); only listings sharing
a block are compared, and a name block only yields pairs whose names alone reach a candidate.
A phone number, email, website or description on more than `COMMON_DETAIL` listings (a
switchboard, a shared inbox, boilerplate) is neither a block nor evidence.
"""

import dataclasses
import hashlib
import re
from collections import Counter, defaultdict

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from rapidfuzz import fuzz, process
from wagtail.log_actions import log

from directory.models import ChangeSuggestion, DuplicatePair, Service, ServiceAtLocation
from directory.models.services import Phone
from directory.models.upkeep import Source, SourceRecord
from directory.postcodes import normalise_postcode
from portal.phones import tel_href

CANDIDATE_SCORE = 40  # recorded for a coordinator to look at
STRONG_SCORE = 75  # almost certainly the same: a new listing is held back
NAME_FLOOR = 60  # name likeness below this earns no points
NAME_WEIGHT = 1.5  # points per percent of likeness above the floor (up to 60)
EVIDENCE_POINTS = {"phone": 40, "email": 40, "description": 40, "website": 20, "postcode": 15}
MIN_DESCRIPTION = 40  # characters: a shorter summary or description is not evidence
EVIDENCE_CAP = 55
# A phone number, email address, website or description on more listings than this belongs
# to an organisation (a switchboard, a shared inbox, a home page, boilerplate), so it says
# nothing about whether two of them are the same service: it is ignored (a postcode never is).
COMMON_DETAIL = 10
# Both listings have postcodes and share none: the same network's service in two places.
DIFFERENT_PLACES_PENALTY = 40
MAX_REDIRECT_HOPS = 5  # a merged listing's address follows at most this many merges

# Wagtail log actions (directory.wagtail_hooks registers their labels).
MERGED = "directory.merge"
SET_ASIDE = "directory.not_duplicate"

# Words that say nothing about which service it is, skipped when blocking by first word.
_FILLER_WORDS = {"the", "a", "an", "and", "of", "for", "in", "at", "to", "st", "saint"}
_NOT_WORD = re.compile(r"[^\w\s]")
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid)(=|$)")


class MergeRefused(Exception):
    """A merge that cannot be done (the message says why, for the coordinator)."""


@dataclasses.dataclass
class Listing:
    """What the scoring needs from one listing: its normalised name and the contact details
    it can share with another, as ("postcode" | "phone" | "email" | "website", value)."""

    id: object
    name: str
    details: set = dataclasses.field(default_factory=set)


def normalise_name(name: str) -> str:
    """ "St. Mary's Lunch-Club & Café" -> "st marys lunchclub and café"."""
    text = (name or "").lower().replace("&", " and ").replace("'", "").replace("’", "")
    return " ".join(_NOT_WORD.sub(" ", text).split())


def normalise_website(url: str) -> str:
    """ "https://www.Example.org/lunch/?utm_source=x" -> "example.org/lunch" ("" for none):
    no scheme, "www.", trailing slash, fragment or tracking parameters."""
    text = (url or "").strip().lower()
    text = re.sub(r"^[a-z]+://", "", text)
    address, _q, query = text.removeprefix("www.").split("#")[0].partition("?")
    kept = "&".join(part for part in query.split("&") if part and not _TRACKING.match(part))
    return address.rstrip("/") + (f"?{kept}" if kept else "")


def _name_blocks(name: str) -> set:
    words = [word for word in name.split() if word not in _FILLER_WORDS]
    return {("word", words[0]), ("word", min(words))} if words else set()


def name_likeness(first: str, second: str) -> float:
    """0 to 100: how alike two normalised names are, whatever the word order."""
    return fuzz.token_sort_ratio(first, second)


def score(
    first: Listing, second: Listing, likeness: float | None = None, common: set = frozenset()
) -> tuple[float, list]:
    """The score of two listings and its reasons in words (see the module's docstring);
    details in `common` (see `common_details`) do not count."""
    if likeness is None:
        likeness = name_likeness(first.name, second.name)
    name_points = max(0.0, likeness - NAME_FLOOR) * NAME_WEIGHT
    reasons = [f"names {likeness:.0f}% alike"]
    shared = (first.details & second.details) - common
    evidence = 0
    for kind in ("postcode", "phone", "email", "website", "description"):
        values = sorted(value for shared_kind, value in shared if shared_kind == kind)
        if values:
            evidence += EVIDENCE_POINTS[kind]
            reasons.append(f"same postcode {values[0]}" if kind == "postcode" else f"same {kind}")
    total = min(100.0, name_points + min(EVIDENCE_CAP, evidence))
    if in_different_places(first, second):
        total = max(0.0, total - DIFFERENT_PLACES_PENALTY)
        reasons.append("different postcodes")
    return round(total, 1), reasons


def in_different_places(first: Listing, second: Listing) -> bool:
    """Both have postcodes and none is the same."""
    postcodes = [{v for kind, v in each.details if kind == "postcode"} for each in (first, second)]
    return all(postcodes) and not postcodes[0] & postcodes[1]


def load_listings(services) -> dict:
    """{id: Listing} for a queryset of services, in three queries whatever their number."""
    listings = {}
    rows = services.values_list("id", "name", "email", "url", "summary", "description")
    for pk, name, email, url, summary, description in rows:
        listing = listings[pk] = Listing(pk, normalise_name(name))
        for text in (summary, description):
            if fingerprint := _text_fingerprint(text):
                listing.details.add(("description", fingerprint))
        if email := (email or "").strip().lower():
            listing.details.add(("email", email))
        if website := normalise_website(url):
            listing.details.add(("website", website))
    ids = services.values("id")
    phones = Phone.objects.filter(service__in=ids, is_public=True)
    for pk, number in phones.values_list("service_id", "number"):
        if href := tel_href(number):  # one written form: "tel:+441724297000"
            listings[pk].details.add(("phone", href.removeprefix("tel:")))
    places = ServiceAtLocation.objects.filter(service__in=ids)
    for pk, postcode in places.values_list("service_id", "location__postcode"):
        if postcode := normalise_postcode(postcode or ""):
            listings[pk].details.add(("postcode", postcode))
    return listings


def _text_fingerprint(text: str) -> str:
    """A short hash of a summary or description's words (tags, case and punctuation aside),
    or "" when it is too short to tell listings apart."""
    words = normalise_name(strip_tags(text or ""))
    if len(words) < MIN_DESCRIPTION:
        return ""
    return hashlib.sha256(words.encode()).hexdigest()[:16]


def common_details(listings: dict) -> set:
    """The phone numbers, emails, websites and descriptions on more than COMMON_DETAIL of the
    listings."""
    counts = Counter(
        detail
        for listing in listings.values()
        for detail in listing.details
        if detail[0] != "postcode"
    )
    return {detail for detail, count in counts.items() if count > COMMON_DETAIL}


def candidates():
    """The listings that may be duplicates of each other: every one not merged away."""
    return Service.objects.filter(merged_into__isnull=True)


def _name_only_likeness() -> float:
    """The likeness at which names alone make a candidate."""
    return NAME_FLOOR + CANDIDATE_SCORE / NAME_WEIGHT


def scored_pairs(listings: dict, only: set | None = None) -> dict:
    """{(first id, second id): (score, reasons)} for every pair at or above CANDIDATE_SCORE,
    found block by block; with `only`, just the pairs that involve one of those ids."""
    common = common_details(listings)
    blocks = defaultdict(list)
    for listing in listings.values():
        for key in (listing.details - common) | _name_blocks(listing.name):
            blocks[key].append(listing)
    found = {}
    name_cutoff = _name_only_likeness()
    for (kind, _value), members in blocks.items():
        if len(members) < 2:
            continue
        by_name = kind == "word"
        for index, listing in enumerate(members):
            others = members[index + 1 :]
            if by_name:
                matches = process.extract(
                    listing.name,
                    [other.name for other in others],
                    scorer=fuzz.token_sort_ratio,
                    score_cutoff=name_cutoff,
                    limit=None,
                )
                pairs = [(others[position], likeness) for _n, likeness, position in matches]
            else:
                pairs = [(other, None) for other in others]
            for other, likeness in pairs:
                key = _ordered(listing.id, other.id)
                if key in found or (only is not None and not (set(key) & only)):
                    continue
                first, second = listings[key[0]], listings[key[1]]
                result = score(first, second, likeness, common)
                if result[0] >= CANDIDATE_SCORE:
                    found[key] = result
    return found


def _ordered(first_id, second_id) -> tuple:
    return (first_id, second_id) if str(first_id) < str(second_id) else (second_id, first_id)


def _record(key: tuple, result: tuple, existing: DuplicatePair | None) -> DuplicatePair | None:
    """Create or refresh an open pair; a pair already decided is left alone (None)."""
    score_value, reasons = result
    if existing is None:
        existing, created = DuplicatePair.objects.get_or_create(
            first_id=key[0], second_id=key[1], defaults={"score": score_value, "reasons": reasons}
        )
        if created:
            return existing
    if existing.status != DuplicatePair.Status.OPEN:
        return None
    if existing.score != score_value or existing.reasons != reasons:
        existing.score, existing.reasons = score_value, reasons
        existing.save(update_fields=["score", "reasons"])
    return existing


def find_pairs(services=None) -> list[DuplicatePair]:
    """Find possible duplicates among all listings not merged away (or, with `services`, those
    involving one of them) and record them: new pairs open, open ones rescored, and a pair a
    coordinator has decided (merged, not a duplicate) never opened again. Returns the open
    pairs found, highest score first."""
    listings = load_listings(candidates())
    only = None if services is None else {service.pk for service in services}
    found = scored_pairs(listings, only)
    existing = {(pair.first_id, pair.second_id): pair for pair in DuplicatePair.objects.all()}
    recorded = []
    with transaction.atomic():
        for key, result in found.items():
            pair = _record(key, result, existing.get(key))
            if pair is not None:
                recorded.append(pair)
    return sorted(recorded, key=lambda pair: -pair.score)


def strong_match(
    service, common: set | None = None, *, besides_source=None
) -> DuplicatePair | None:
    """The best strong pair between `service` (a new, unpublished listing) and a live one,
    recorded (open), or None. A pair a coordinator has set aside is not a match. An import
    checking many listings may pass `common` (`common_details(load_listings(candidates()))`,
    worked out once) to save reading every listing each time, and `besides_source` to leave
    out the listings that source itself brought."""
    if common is None:
        common = common_details(load_listings(candidates()))
    others = candidates().filter(live=True).exclude(pk=service.pk)
    if besides_source is not None:
        others = others.exclude(provenance__source=besides_source)
    name = normalise_name(service.name)
    # Evidence stops at EVIDENCE_CAP, so a strong pair needs at least this likeness.
    least = NAME_FLOOR + (STRONG_SCORE - EVIDENCE_CAP) / NAME_WEIGHT
    names = dict(others.values_list("id", "name"))
    close = [
        pk
        for _n, _likeness, pk in process.extract(
            name,
            {pk: normalise_name(other) for pk, other in names.items()},
            scorer=fuzz.token_sort_ratio,
            score_cutoff=least,
            limit=None,
        )
    ]
    if not close:
        return None
    listings = load_listings(Service.objects.filter(pk__in=[service.pk, *close]))
    mine = listings.pop(service.pk)
    # Highest score first; between equal scores (both at 100, say) the closer name.
    ranked = sorted(
        (
            (new_listing_score(mine, other, common), other.id, name_likeness(mine.name, other.name))
            for other in listings.values()
        ),
        key=lambda item: (-item[0][0], -item[2]),
    )
    for result, other_id, _likeness in ranked:
        if result[0] < STRONG_SCORE:
            break
        key = _ordered(service.pk, other_id)
        pair = _record(
            key, result, DuplicatePair.objects.filter(first=key[0], second=key[1]).first()
        )
        if pair is not None:
            return pair
    return None


def new_listing_score(new: Listing, live: Listing, common: set) -> tuple[float, list]:
    """`score`, except that a new listing with exactly the same name as a live one counts as a
    strong match: before it is published, a coordinator decides. Its other details are often
    no evidence (a shared placeholder email, one description for a whole network's groups),
    and publishing a twin is worse than a short wait."""
    result, reasons = score(new, live, common=common)
    if new.name == live.name and result < STRONG_SCORE and not in_different_places(new, live):
        return STRONG_SCORE, [*reasons, "exactly the same name"]
    return result, reasons


def kept_listing(service_id) -> Service | None:
    """The live listing a merged listing's address leads to (following merges), or None."""
    service = Service.objects.filter(pk=service_id).only("id", "merged_into").first()
    for _hop in range(MAX_REDIRECT_HOPS):
        if service is None or service.merged_into_id is None:
            return None
        service = Service.objects.filter(pk=service.merged_into_id).first()
        if service is not None and service.live and service.merged_into_id is None:
            return service
    return None


def pair_of(first: Service, second: Service) -> DuplicatePair | None:
    key = _ordered(first.pk, second.pk)
    return DuplicatePair.objects.filter(first_id=key[0], second_id=key[1]).first()


@transaction.atomic
def merge(keep: Service, other: Service, user) -> None:
    """Merge `other` into `keep`: `other` is unpublished and marked inactive (kept, with its
    history) and its address redirects to `keep`; listings merged into it, its sources'
    records and its open suggestions move to `keep`; the pair is marked merged, its other
    open pairs move to `keep`. Logged against both listings. Raises MergeRefused."""
    locked = {
        service.pk: service
        for service in Service.objects.select_for_update().filter(pk__in=[keep.pk, other.pk])
    }
    if keep.pk == other.pk or len(locked) != 2:
        raise MergeRefused("Choose two different listings.")
    keep, other = locked[keep.pk], locked[other.pk]
    if keep.merged_into_id or other.merged_into_id:
        raise MergeRefused("One of these listings has already been merged into another.")
    now = timezone.now()
    other.merged_into = keep
    other.live = False
    other.status = Service.Status.INACTIVE
    other.save(update_fields=["merged_into", "live", "status", "modified_at"])
    Service.objects.filter(merged_into=other).update(merged_into=keep)
    # Later changes from other's sources arrive as suggestions, not overwrites of `keep`.
    SourceRecord.objects.filter(service=other).update(service=keep, applied_revision=None)
    ChangeSuggestion.objects.filter(service=other, status=ChangeSuggestion.Status.NEW).update(
        service=keep
    )
    pair = pair_of(keep, other)
    if pair is None:
        listings = load_listings(Service.objects.filter(pk__in=[keep.pk, other.pk]))
        pair_score, reasons = score(listings[keep.pk], listings[other.pk])
        key = _ordered(keep.pk, other.pk)
        pair = DuplicatePair(first_id=key[0], second_id=key[1], score=pair_score, reasons=reasons)
    pair.status, pair.decided_by, pair.decided_at = DuplicatePair.Status.MERGED, user, now
    pair.save()
    _move_open_pairs(other, keep)
    data = {"kept": str(keep.pk), "merged": str(other.pk), "pair": pair.pk}
    log(instance=keep, action=MERGED, user=user, data=data)
    log(instance=other, action=MERGED, user=user, data=data)


def _move_open_pairs(other: Service, keep: Service) -> None:
    """`other`'s open pairs become `keep`'s, unless `keep` already has a pair with that
    listing (its own decision stands): then they are dropped."""
    open_pairs = DuplicatePair.objects.filter(
        Q(first=other) | Q(second=other), status=DuplicatePair.Status.OPEN
    )
    for pair in open_pairs:
        third_id = pair.second_id if pair.first_id == other.pk else pair.first_id
        key = _ordered(keep.pk, third_id)
        if (
            third_id == keep.pk
            or DuplicatePair.objects.filter(first=key[0], second=key[1]).exists()
        ):
            pair.delete()
        else:
            pair.first_id, pair.second_id = key
            pair.save(update_fields=["first", "second"])


def held_listing_can_publish(service: Service) -> bool:
    """Whether a new listing held back as a possible duplicate may now be published: brought
    by a trusted source (whose new listings are published unless held: a "check first"
    source's draft waits for moderation whatever the queue says), never published, not
    merged, with a draft to publish, not in moderation and with no open pair."""
    return (
        not service.live
        and service.first_published_at is None
        and service.merged_into_id is None
        and service.latest_revision_id is not None
        and not service.workflow_in_progress
        and service.provenance.filter(source__trust=Source.Trust.PUBLISH).exists()
        and not DuplicatePair.objects.filter(
            Q(first=service) | Q(second=service), status=DuplicatePair.Status.OPEN
        ).exists()
    )


def not_duplicate(pair: DuplicatePair, user) -> list[Service]:
    """Set the pair aside for good (logged against both listings); a held-back new listing
    with nothing else open is then published, if the user may publish. Returns those
    published."""
    with transaction.atomic():
        pair = DuplicatePair.objects.select_for_update().get(pk=pair.pk)
        pair.status = DuplicatePair.Status.NOT_DUPLICATE
        pair.decided_by, pair.decided_at = user, timezone.now()
        pair.save(update_fields=["status", "decided_by", "decided_at"])
        data = {"pair": pair.pk, "first": str(pair.first_id), "second": str(pair.second_id)}
        for service in (pair.first, pair.second):
            log(instance=service, action=SET_ASIDE, user=user, data=data)
    published = []
    if not user.has_perm("directory.publish_service"):
        return published
    for service in (pair.first, pair.second):
        service.refresh_from_db()
        if held_listing_can_publish(service):
            service.latest_revision.publish(user=user)  # logged as wagtail.publish
            published.append(service)
    return published
