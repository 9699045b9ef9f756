"""The public search page's form: it validates, the view stays thin.

The search form never rejects a search outright: bad values are ignored (with a message
where the person needs to know), so a search always shows something useful.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.geography import AmbiguousPlace, PlaceNotFound, resolve_place
from directory.models import Service, TaxonomyTerm
from search.api import offered_languages
from search.features import ACCESS_KEYS, DAY_NUMBERS, is_language_key, language_key
from search.query import DEFAULT_RADIUS_MILES, MAX_RADIUS_MILES, PER_PAGE, ServiceQuery

MIN_RADIUS_MILES = 0.5
MAX_QUERY_LENGTH = 200
MAX_PAGE = 500
MAX_AGE = 120
MAX_CHOSEN = 50  # values of one filter read from a URL at most
MAX_LANGUAGES = 10  # languages looked up in the index at most


class ServiceSearchForm(forms.Form):
    """Parses the `/services/` query string into a ServiceQuery (and a resolved Place)."""

    q = forms.CharField(required=False, strip=True)
    postcode = forms.CharField(required=False, strip=True)
    radius = forms.CharField(required=False)
    category = forms.MultipleChoiceField(required=False)
    kind = forms.CharField(required=False)
    open_now = forms.BooleanField(required=False)
    age = forms.CharField(required=False)
    cost = forms.CharField(required=False)
    # search.features: values not in its vocabulary are dropped (full_clean), never an error.
    access = forms.MultipleChoiceField(required=False, choices=[(key, key) for key in ACCESS_KEYS])
    language = forms.MultipleChoiceField(required=False)
    no_referral = forms.BooleanField(required=False)
    day = forms.MultipleChoiceField(required=False, choices=[(key, key) for key in DAY_NUMBERS])
    evening_weekend = forms.BooleanField(required=False)
    sort = forms.CharField(required=False)
    page = forms.CharField(required=False)

    def __init__(self, data=None, *, categories=None, **kwargs):
        """`categories`: the public categories (TaxonomyTerms) when the view has them already."""
        super().__init__(data, **kwargs)
        self.place = None
        self.place_choices: list[str] = []  # "Did you mean" names when a place name is ambiguous
        if categories is None:
            categories = TaxonomyTerm.objects.categories().only("code")
        self.category_codes = {term.code for term in categories}
        self.fields["category"].choices = [(code, code) for code in sorted(self.category_codes)]

    def clean_q(self):
        text = re.sub(r"\s+", " ", self.cleaned_data["q"] or "").strip()
        return text[:MAX_QUERY_LENGTH].strip()

    def clean_postcode(self):
        text = (self.cleaned_data["postcode"] or "")[:100]
        if not text:
            return ""
        try:
            self.place = resolve_place(text)
        except PlaceNotFound as error:  # AmbiguousPlace too: its choices become links
            self.place_choices = error.choices
            code = "ambiguous_place" if isinstance(error, AmbiguousPlace) else "place_not_found"
            raise forms.ValidationError(error.message, code=code) from error
        return text

    def clean_radius(self):
        try:
            radius = float(self.cleaned_data["radius"])
        except (TypeError, ValueError):
            return DEFAULT_RADIUS_MILES
        if radius != radius:  # NaN
            return DEFAULT_RADIUS_MILES
        return min(max(radius, MIN_RADIUS_MILES), MAX_RADIUS_MILES)

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        return kind if kind in Service.Kind.values else ""

    def clean_age(self):
        text = (self.cleaned_data["age"] or "").strip()
        if not text:
            return None
        if not text.isdigit() or int(text) > MAX_AGE:
            raise forms.ValidationError(_("Enter an age in years, like 67."), code="invalid_age")
        return int(text)

    def clean_cost(self):
        return self.cleaned_data["cost"] == "free"

    def clean_sort(self):
        sort = self.cleaned_data["sort"]
        return sort if sort in ("relevance", "distance") else "relevance"

    def clean_page(self):
        try:
            page = int(self.cleaned_data["page"])
        except (TypeError, ValueError):
            return 1
        return min(max(page, 1), MAX_PAGE)

    def full_clean(self):
        # Unknown categories, access features, days and malformed languages are dropped
        # before validation rather than reported: a link with them still searches.
        if self.is_bound and hasattr(self.data, "getlist"):
            self.data = self.data.copy()
            # Languages in any spelling ("URDU", "British Sign Language") become their key.
            keys = [language_key(value) for value in self.data.getlist("language")]
            self.data.setlist("language", keys)
            known = {
                "category": self.category_codes.__contains__,
                "access": ACCESS_KEYS.__contains__,
                "day": DAY_NUMBERS.__contains__,
                "language": is_language_key,
            }
            for name, is_known in known.items():
                values = [value for value in self.data.getlist(name) if is_known(value)]
                self.data.setlist(name, list(dict.fromkeys(values))[:MAX_CHOSEN])
            offered = offered_languages(self.data.getlist("language")[:MAX_LANGUAGES])
            languages = [key for key in self.data.getlist("language") if key in offered]
            self.data.setlist("language", languages)
            self.fields["language"].choices = [(key, key) for key in languages]
        super().full_clean()

    def to_query(self, page: int | None = None) -> ServiceQuery:
        """The ServiceQuery for what was asked; fields with errors fall back to defaults."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        place = self.place
        return ServiceQuery(
            text=data.get("q", ""),
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            radius_miles=data.get("radius", DEFAULT_RADIUS_MILES),
            categories=tuple(data.get("category", ())),
            kind=data.get("kind") or None,
            open_now=data.get("open_now", False),
            age=data.get("age"),
            free_only=data.get("cost", False),
            access=tuple(key for key in ACCESS_KEYS if key in data.get("access", ())),
            languages=tuple(data.get("language", ())),
            no_referral=data.get("no_referral", False),
            days=tuple(sorted(DAY_NUMBERS[key] for key in data.get("day", ()))),
            evening_weekend=data.get("evening_weekend", False),
            sort=data.get("sort", "relevance") if place else "relevance",
            page=page or data.get("page", 1),
            per_page=PER_PAGE,
        )


MAX_MISSING_LENGTH = 200


class MissingNeedForm(forms.Form):
    """ "Tell us what was missing": what someone looked for and did not find (no details of them)."""

    need = forms.CharField(
        label=_("What were you looking for?"),
        max_length=MAX_MISSING_LENGTH,
        strip=True,
        error_messages={
            "required": _("Enter what you were looking for"),
            "max_length": _("What you were looking for must be 200 characters or fewer"),
        },
    )
    search = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
