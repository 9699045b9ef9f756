"""Quality checks on listings, like the Open Referral UK validator's audit (#25).

One vocabulary, `CHECKS`: each `Check` has a stable code (stored in `QualitySnapshot`, used in
the admin filter and the directory-health report), a label and "how to fix" in plain English,
and a pure function of one listing that says whether it fails. The functions read the
listing's own fields and its relations through `.all()`, so they work on a listing read with
`with_quality_relations` (no query per listing), on one opened in the editor (relations in
memory from its latest revision) and on a factory-made one alike.

What each check means, and its limits:

- `no_contact`: nothing the public page shows to get in touch: no public phone number (or
  the organisation's phone, shown when the listing has no phone numbers at all), no email
  (the listing's or its organisation's), no http(s) website (the listing's or its
  organisation's), no public contact with an email or phone.
- `short_description`: the description (HTML stripped) has fewer than `MIN_DESCRIPTION_WORDS`
  words, or says nothing but the name (compared lower case, punctuation ignored).
- `no_category`: not in any category.
- `category_mismatch`: in categories, but no word of any of its categories (their names and
  descriptions, and their parent categories') appears in the listing's name, summary or
  description. Words are compared lower case, without a plural "s", by their first five
  letters, ignoring short and everyday words (`COMMON_WORDS`). It is cheap and easy to
  explain, not clever: it knows no synonyms (a "memory café" in "Memory problems and
  dementia" fits; a "Singing for the brain" group described without the words memory or
  dementia does not), so a failing listing is one to look at, not necessarily wrong.
- `no_location`: a listing people go to in person has no location. In person means a
  community group or activity, or an event, or a listing you drop in to or book a place at.
  Services reached by phone, online or by referral (a service, carers' support or a local
  area coordinator you contact yourself or are referred to) are not expected to have one.
- `schedule_past`: it has opening times and every one of them ended (valid to) before today.
- `broken_website`: the last `check_websites` run could not open its website (the one it
  shows first), and the website has not changed since. Only that command goes on the
  internet; the check itself reads its stored result.
"""

import datetime
import functools
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import strip_tags

from directory.models import QualitySnapshot, Service, TaxonomyTerm, WebsiteCheck

MIN_DESCRIPTION_WORDS = 10

# Listings people go to in person: these kinds, and these ways of getting the service.
IN_PERSON_KINDS = frozenset({Service.Kind.COMMUNITY_ASSET, Service.Kind.EVENT})
IN_PERSON_ACCESS = frozenset({Service.HowToAccess.DROP_IN, Service.HowToAccess.BOOKING})

# Words too short or too everyday to say what a listing is about.
STEM_LETTERS = 5
MIN_WORD_LETTERS = 4
EVERYDAY_WORDS = """
    about after also other others their there them they this that these those with without
    from into your yours have more most some such than then when where what which while who
    whom over under very well will would could should each every only just like make made
    people person support supports help helps helping service services group groups local
    things time times free place places home able want need needs stay stays around
"""
COMMON_WORDS = frozenset(EVERYDAY_WORDS.split())

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class Check:
    """One quality check: a stable code, what it means and how to fix it, and the test."""

    code: str
    label: str
    how_to_fix: str
    fails: Callable[[Service, datetime.date], bool]


def plain_text(markup: str) -> str:
    """The words of (sanitised) HTML, without tags or entities."""
    return html.unescape(strip_tags(markup or ""))


def words_of(text: str) -> list[str]:
    return WORD.findall((text or "").lower())


def _stems(text: str) -> set[str]:
    """The telling words of a text, each cut to its first letters (plural "s" dropped)."""
    stems = set()
    for word in words_of(text):
        if len(word) < MIN_WORD_LETTERS or word in COMMON_WORDS or word.isdigit():
            continue
        if word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        stems.add(word[:STEM_LETTERS])
    return stems


# --- the checks -------------------------------------------------------------------------------


def has_no_contact(service: Service, today: datetime.date) -> bool:
    organisation = service.organisation
    phones = list(service.phones.all())
    if any(phone.is_public and phone.number.strip() for phone in phones):
        return False
    if not phones and organisation is not None and organisation.phone.strip():
        return False
    if service.contact_email or service.websites:
        return False
    return not any(
        contact.is_public and (contact.email or contact.phone.strip())
        for contact in service.contacts.all()
    )


def has_short_description(service: Service, today: datetime.date) -> bool:
    words = words_of(plain_text(service.description))
    return len(words) < MIN_DESCRIPTION_WORDS or words == words_of(service.name)


def has_no_category(service: Service, today: datetime.date) -> bool:
    return not list(service.taxonomy_terms.all())


def category_words(term: TaxonomyTerm) -> frozenset[str]:
    """The stems of a category's name and description, and its parent category's."""
    parent = term.parent
    return _category_stems(
        f"{term.name} {term.description}",
        f"{parent.name} {parent.description}" if parent is not None else "",
    )


@functools.lru_cache(maxsize=1024)
def _category_stems(text: str, parent_text: str) -> frozenset[str]:
    """Cached: a category's words are read once per run, not once per listing."""
    return frozenset(_stems(text) | _stems(parent_text))


def has_category_mismatch(service: Service, today: datetime.date) -> bool:
    terms = list(service.taxonomy_terms.all())
    if not terms:
        return False  # `no_category` says so
    listing = _stems(f"{service.name} {service.summary} {plain_text(service.description)}")
    return not any(category_words(term) & listing for term in terms)


def is_in_person(service: Service) -> bool:
    return service.kind in IN_PERSON_KINDS or service.how_to_access in IN_PERSON_ACCESS


def has_no_location(service: Service, today: datetime.date) -> bool:
    return is_in_person(service) and not list(service.service_at_locations.all())


def has_schedule_past(service: Service, today: datetime.date) -> bool:
    schedules = list(service.schedules.all())
    return bool(schedules) and all(
        schedule.valid_to is not None and schedule.valid_to < today for schedule in schedules
    )


def website_to_check(service: Service) -> str:
    """The website `check_websites` opens for a listing: the first one its page shows."""
    websites = service.websites
    return websites[0].url if websites else ""


def last_website_check(service: Service) -> WebsiteCheck | None:
    try:
        return service.website_check
    except WebsiteCheck.DoesNotExist:
        return None


def has_broken_website(service: Service, today: datetime.date) -> bool:
    check = last_website_check(service) if service.pk else None
    return check is not None and not check.ok and check.url == website_to_check(service)


CHECKS: dict[str, Check] = {
    check.code: check
    for check in (
        Check(
            "no_contact",
            "No way to contact them",
            "Add a public phone number, an email address or a website.",
            has_no_contact,
        ),
        Check(
            "short_description",
            f"Description too short (under {MIN_DESCRIPTION_WORDS} words, or just the name)",
            "Say in a few sentences what happens, who it is for and what to expect.",
            has_short_description,
        ),
        Check(
            "no_category",
            "No category",
            "Choose at least one category so people find it when they search or browse.",
            has_no_category,
        ),
        Check(
            "category_mismatch",
            "Categories do not match the description",
            "Check the categories are right, or use their words in the summary or description.",
            has_category_mismatch,
        ),
        Check(
            "no_location",
            "No location for something people go to",
            "Add where it happens (Where and when), or set how to get it to contacting them.",
            has_no_location,
        ),
        Check(
            "schedule_past",
            "Opening times all in the past",
            "Add the new dates or times, or unpublish it if it has finished.",
            has_schedule_past,
        ),
        Check(
            "broken_website",
            "Website did not open",
            "Check the website address; correct it or remove it.",
            has_broken_website,
        ),
    )
}


def check_choices() -> list[tuple[str, str]]:
    return [(check.code, check.label) for check in CHECKS.values()]


# --- over one listing, and over many ------------------------------------------------------------


def with_quality_relations(queryset):
    """The listings with everything the checks read, in a fixed number of queries."""
    return queryset.select_related("organisation", "website_check").prefetch_related(
        "phones",
        "contacts",
        "schedules",
        "service_at_locations",
        Prefetch("taxonomy_terms", queryset=TaxonomyTerm.objects.select_related("parent")),
    )


def listing_problems(service: Service, today: datetime.date | None = None) -> list[Check]:
    """The checks a listing fails, in `CHECKS` order."""
    today = today or timezone.localdate()
    return [check for check in CHECKS.values() if check.fails(service, today)]


def problems_by_listing(queryset, today: datetime.date | None = None) -> Iterable:
    """(listing id, [failing checks]) for each listing of the queryset, read in chunks."""
    today = today or timezone.localdate()
    for service in with_quality_relations(queryset.order_by()).iterator(chunk_size=1000):
        yield service.pk, listing_problems(service, today)


def quality_counts(queryset, today: datetime.date | None = None) -> dict[str, int]:
    """{check code: how many of the listings fail it}, every check present."""
    counts = dict.fromkeys(CHECKS, 0)
    for _pk, problems in problems_by_listing(queryset, today):
        for check in problems:
            counts[check.code] += 1
    return counts


def failing_ids(queryset, code: str | None = None, today: datetime.date | None = None) -> list:
    """The ids of the listings failing the check `code`, or any check when it is None."""
    return [
        pk
        for pk, problems in problems_by_listing(queryset, today)
        if any(code is None or check.code == code for check in problems)
    ]


def record_listing_quality(today: datetime.date | None = None) -> list[QualitySnapshot]:
    """Today's `QualitySnapshot` per check over the live listings (again the same day: replaced)."""
    today = today or timezone.localdate()
    live = Service.objects.live()
    listings = live.count()
    return [
        QualitySnapshot.objects.update_or_create(
            day=today, check_code=code, defaults={"failing": failing, "listings": listings}
        )[0]
        for code, failing in quality_counts(live, today).items()
    ]
