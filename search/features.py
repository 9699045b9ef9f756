"""The vocabulary of the search filters about getting there and getting in (issue #20).

One home for what each filter value is called in the URL, on the page and in the index:

- access features of the places a service is at (`ACCESS_FEATURES`: `access=step_free`);
- the languages a service is offered in (`language_key`: `language=urdu`), one spelling each;
- "no referral needed" (`NO_REFERRAL_ACCESS`: `no_referral=1`);
- days of the week (`DAYS`: `day=mon`) and "open evenings or weekends" (`evening_weekend=1`).

The index stores a listing's access features, languages and "no referral needed" as feature
codes (`SearchIndexFeature.code`, the Elasticsearch fields `access`, `languages` and
`no_referral`); days and evenings are read from the weekly opening rows (search/openings.py).
Counts of what each value would find use the same codes (`ServiceResults.facets`).
"""

import re
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from directory.models import Service


class AccessFeature(NamedTuple):
    key: str  # in the URL (access=step_free) and the index
    label: str
    location_field: str  # directory.models.Location


ACCESS_FEATURES = (
    AccessFeature("step_free", _("Step-free access"), "step_free_access"),
    AccessFeature("hearing_loop", _("Hearing loop"), "hearing_loop"),
    AccessFeature("accessible_toilet", _("Accessible toilet"), "accessible_toilet"),
    AccessFeature("parking", _("Parking"), "parking"),
)
ACCESS_KEYS = tuple(feature.key for feature in ACCESS_FEATURES)
ACCESS_LABELS = {feature.key: feature.label for feature in ACCESS_FEATURES}
LOCATION_FIELDS = tuple(feature.location_field for feature in ACCESS_FEATURES)

# "No referral needed": you can go along (drop in) or get in touch yourself (self-referral).
# Booking a place is left out: it is not a referral, but it is not "just turn up" either,
# and the label promises only what both of these mean.
NO_REFERRAL_ACCESS = (Service.HowToAccess.DROP_IN, Service.HowToAccess.SELF_REFERRAL)
NO_REFERRAL_LABEL = _("Drop in or contact them yourself (no referral needed)")
NO_REFERRAL_CODE = "no_referral"

DAYS = (
    ("mon", 1, _("Monday")),
    ("tue", 2, _("Tuesday")),
    ("wed", 3, _("Wednesday")),
    ("thu", 4, _("Thursday")),
    ("fri", 5, _("Friday")),
    ("sat", 6, _("Saturday")),
    ("sun", 7, _("Sunday")),
)
DAY_NUMBERS = {key: number for key, number, _label in DAYS}
DAY_KEYS = {number: key for key, number, _label in DAYS}
DAY_LABELS = {number: label for _key, number, label in DAYS}
WEEKEND = (6, 7)
EVENING_FROM = 17 * 3600 + 30 * 60  # a weekday session open after 17:30 is an evening one
EVENING_WEEKEND_LABEL = _("Open evenings or weekends")
EVENING_WEEKEND_CODE = "evening_weekend"

# Other names people give the same language, all in the key's spelling.
LANGUAGE_ALIASES = {
    "british sign language": "bsl",
    "sign language": "bsl",
    "farsi": "persian",
    "panjabi": "punjabi",
    "mandarin chinese": "mandarin",
    "cantonese chinese": "cantonese",
}
LANGUAGE_NAMES = {"bsl": _("British Sign Language (BSL)")}
_NOT_KEY = re.compile(r"[^a-z0-9]+")
MAX_LANGUAGE_KEY = 40


def language_key(name: str) -> str:
    """The one spelling of a language, as the URL and index hold it ("" if there is none).

    Case and spacing do not matter ("URDU ", "urdu"); known other names become one
    ("British Sign Language" -> "bsl").
    """
    text = " ".join(_NOT_KEY.sub(" ", str(name or "").lower()).split())
    text = LANGUAGE_ALIASES.get(text, text)
    return text.replace(" ", "-")[:MAX_LANGUAGE_KEY]


def language_label(key: str) -> str:
    """What the page calls the language with this key ("urdu" -> "Urdu")."""
    return str(LANGUAGE_NAMES.get(key) or key.replace("-", " ").title())


def is_language_key(text: str) -> bool:
    """Whether `text` is in the form of a key (a value from the URL worth searching for)."""
    return bool(text) and language_key(text) == text


def access_code(key: str) -> str:
    return f"access:{key}"


def language_code(key: str) -> str:
    return f"language:{key}"


def day_code(number: int) -> str:
    return f"day:{DAY_KEYS[number]}"


def feature_codes(access: set[str], languages, how_to_access: str) -> list[str]:
    """A listing's feature codes: the access features of any of its places (`access`: keys),
    its languages (as written) and whether no referral is needed."""
    codes = [access_code(key) for key in ACCESS_KEYS if key in access]
    keys = dict.fromkeys(language_key(name) for name in languages or () if isinstance(name, str))
    codes += [language_code(key) for key in keys if key]
    if how_to_access in NO_REFERRAL_ACCESS:
        codes.append(NO_REFERRAL_CODE)
    return codes


def feature_tag(code: str) -> str:
    """A feature code as a full-text tag (search.tags): alphanumeric, ending in a digit."""
    return "f" + _NOT_KEY.sub("", code.lower()) + "0"
