"""Demo directory for a Sheffield-like area: `load(stdout, listings, seed)` (idempotent, deterministic).

Loads the postcode gazetteer and wards from directory/data and illustrative primary care
networks from demo/data, makes LAC patches and coordinators,
organisations and `listings` services across every kind and category, placed at real postcodes,
with schedules, phones and prices; a few drafts, a few in moderation and some overdue reviews.
Then today's quality counts (`record_listing_quality`): only today's, since past days' counts
could not be honest; the report's trend starts when the command runs daily.
Rows are bulk-inserted so it stays fast; the moderation examples go through Wagtail's API.
"""

import datetime
import io
import random
import uuid
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.db.models import Avg
from django.utils import timezone
from faker import Faker

import directory
from demo.catalogue import (
    NEIGHBOURHOODS,
    ORGANISATIONS,
    PARKS,
    PATCHES,
    STREETS,
    TEMPLATES,
    VENUES,
)
from directory.gazetteer import derive_ward_places
from directory.models import (
    Area,
    CostOption,
    LocalAreaCoordinator,
    Location,
    Organisation,
    Phone,
    PlaceName,
    Postcode,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.quality import record_listing_quality

# The gazetteer ships with the directory app (its load_postcodes command reads the same files).
DATA = Path(directory.__file__).resolve().parent / "data"
DEMO_DATA = Path(__file__).resolve().parent / "data"
DRAFTS = 3
IN_MODERATION = 3
OVERDUE_SHARE = 0.08


def load(stdout, listings: int = 320, seed: int = 2026) -> None:
    load_gazetteer(stdout)
    load_pcns(stdout)
    if Service.objects.exists():
        stdout.write("  directory: services already exist, skipping")
        record_listing_quality()
        return
    builder = DemoBuilder(seed)
    with transaction.atomic():
        builder.make_patches_and_coordinators()
        builder.make_organisations()
        builder.make_services(max(listings, len(builder.patches)))
    builder.make_moderation_examples()
    record_listing_quality()
    stdout.write(
        f"  {len(builder.patches)} LAC patches, {len(builder.coordinators)} coordinators, "
        f"{Organisation.objects.count()} organisations, {Service.objects.count()} services"
    )


def load_gazetteer(stdout) -> None:
    if not Postcode.objects.exists():
        call_command(  # also derives the ward place names
            "load_postcodes",
            str(DATA / "sheffield-postcodes.csv"),
            wards=DATA / "sheffield-wards.csv",
            stdout=io.StringIO(),
        )
    elif not PlaceName.objects.exists():  # a database loaded before the place-name gazetteer
        derive_ward_places()
    else:
        return
    stdout.write(
        f"  gazetteer: {Postcode.objects.count()} postcodes, {PlaceName.objects.count()} place names"
    )


def load_pcns(stdout) -> None:
    """Illustrative primary care networks for the demo city, loaded like a real lookup (by
    `load_areas`, best fit to wards). Made up: every name says "(illustrative)" (demo/data)."""
    if Area.objects.filter(kind=Area.Kind.PCN).exists():
        return
    call_command(
        "load_areas",
        str(DEMO_DATA / "sheffield-pcns-illustrative.csv"),
        "--type",
        "pcn",
        stdout=io.StringIO(),
    )
    stdout.write(f"  {Area.objects.filter(kind=Area.Kind.PCN).count()} illustrative PCNs")


class DemoBuilder:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)  # noqa: S311 - repeatable demo data, not security
        self.faker = Faker("en_GB")
        self.faker.seed_instance(seed)
        self.today = timezone.localdate()
        self.wards = {area.name: area for area in Area.objects.filter(kind=Area.Kind.WARD)}
        postcodes = defaultdict(list)
        for row in Postcode.objects.order_by("postcode").values_list(
            "postcode", "latitude", "longitude", "ward_code"
        ):
            postcodes[row[3]].append(row)
        self.postcodes_by_ward = postcodes
        self.terms = {term.code: term for term in TaxonomyTerm.objects.all()}
        self.patches: dict[str, Area] = {}
        self.patch_of_ward: dict[str, Area] = {}
        self.coordinators: dict[str, LocalAreaCoordinator] = {}
        self.organisations: dict[str, list[Organisation]] = {}
        self.venues: dict[tuple[str, str], Location] = {}

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    # --- places and people ------------------------------------------------------------------

    def make_patches_and_coordinators(self) -> None:
        User = get_user_model()
        coordinators_group = Group.objects.filter(name="Coordinator").first()
        for number, (name, ward_names) in enumerate(PATCHES.items(), start=1):
            wards = [self.wards[ward] for ward in ward_names if ward in self.wards]
            centre = Postcode.objects.filter(ward_code__in=[w.code for w in wards]).aggregate(
                lat=Avg("latitude"), lon=Avg("longitude")
            )
            patch, _ = Area.objects.update_or_create(
                kind=Area.Kind.LAC_PATCH,
                code=f"LAC{number:02d}",
                defaults={
                    "name": f"{name} Sheffield",
                    "centroid_latitude": centre["lat"],
                    "centroid_longitude": centre["lon"],
                },
            )
            patch.wards.set(wards)
            self.patches[name] = patch
            for ward in wards:
                self.patch_of_ward[ward.code] = patch
            person = self.faker.name()
            email = f"lac.{name.lower().replace(' ', '-')}@signpost.example"
            user, _ = User.objects.get_or_create(
                username=email,
                defaults={"email": email, "first_name": person.split(" ")[0], "is_staff": True},
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
            if coordinators_group:
                user.groups.add(coordinators_group)
            coordinator = LocalAreaCoordinator.objects.create(
                id=self.uuid(),
                name=person,
                phone=f"0114 273 {4000 + number * 17:04d}",
                email=email,
                bio=(
                    f"I'm {person.split(' ')[0]}, the local area coordinator for {name} Sheffield. "
                    "I can help you find your way to what matters to you: local groups, people and "
                    "places, and support when things get difficult."
                ),
                user=user,
            )
            coordinator.patches.set([patch])
            self.coordinators[name] = coordinator

    def make_organisations(self) -> None:
        for group, names in ORGANISATIONS.items():
            self.organisations[group] = []
            for name in names:
                slug = "".join(ch for ch in name.lower() if ch.isalnum())[:24]
                organisation = Organisation(
                    id=self.uuid(),
                    name=name,
                    description=f"<p>{name} is a local organisation working with adults and carers across Sheffield.</p>",
                    email=f"hello@{slug}.org.uk",
                    url=f"https://www.{slug}.org.uk/",
                    phone=f"0114 2{self.rng.randint(10, 99)} {self.rng.randint(1000, 9999)}",
                    charity_number=str(self.rng.randint(1000000, 1199999))
                    if group != "council"
                    else "",
                )
                self.organisations[group].append(organisation)
        Organisation.objects.bulk_create(
            [org for orgs in self.organisations.values() for org in orgs]
        )

    def location_in(self, ward: Area, place: str, venue: str) -> Location:
        key = (place, venue)
        if key in self.venues:
            return self.venues[key]
        postcode, latitude, longitude, ward_code = self.rng.choice(
            self.postcodes_by_ward[ward.code]
        )
        location = Location(
            id=self.uuid(),
            name=f"{place} {venue}",
            address_1=f"{self.rng.randint(1, 240)} {self.rng.choice(STREETS)}",
            address_2=place,
            city="Sheffield",
            postcode=postcode,
            latitude=latitude,
            longitude=longitude,
            area=ward,
            step_free_access=self.rng.random() < 0.75,
            hearing_loop=self.rng.random() < 0.4,
            accessible_toilet=self.rng.random() < 0.6,
            parking=self.rng.random() < 0.5,
        )
        self.venues[key] = location
        return location

    # --- services ---------------------------------------------------------------------------

    def make_services(self, count: int) -> None:
        services, links, schedules, phones, costs = [], [], [], [], []
        terms_through, areas_through = [], []
        weighted = [t for t in TEMPLATES if not t.get("single") for _ in range(t.get("weight", 1))]
        plan = [t for t in TEMPLATES if t.get("single")]
        plan += [{"lac": name} for name in self.patches]
        # every template at least once, then weighted random picks
        plan += [t for t in TEMPLATES if not t.get("single")]
        while len(plan) < count:
            plan.append(self.rng.choice(weighted))
        used_names: set[str] = set()
        ward_names = sorted(self.wards)
        for template in plan:
            if "lac" in template:
                service, location, sessions, term_codes = self.lac_service(template["lac"])
            else:
                service, location, sessions, term_codes = self.template_service(
                    template, ward_names, used_names
                )
            services.append(service)
            if location is not None:
                links.append(ServiceAtLocation(id=self.uuid(), service=service, location=location))
            for weekdays, opens, closes, bank_holidays in sessions:
                schedules.append(
                    Schedule(
                        id=self.uuid(),
                        service=service,
                        weekdays=weekdays,
                        opens_at=datetime.time.fromisoformat(opens),
                        closes_at=datetime.time.fromisoformat(closes),
                        open_on_bank_holidays=bank_holidays,
                        valid_from=service._event_date,
                        valid_to=service._event_date,
                    )
                )
            phones.append(
                Phone(
                    id=self.uuid(),
                    service=service,
                    number=f"0114 2{self.rng.randint(10, 99)} {self.rng.randint(1000, 9999)}",
                    description="Helpline" if template.get("phone_only") else "",
                )
            )
            if template.get("cost"):
                option, amount = template["cost"]
                costs.append(
                    CostOption(
                        id=self.uuid(), service=service, option=option, amount=Decimal(amount)
                    )
                )
            for code in term_codes:
                if code in self.terms:
                    terms_through.append(
                        Service.taxonomy_terms.through(
                            service_id=service.id, taxonomyterm_id=self.terms[code].id
                        )
                    )
            if location is not None and location.area_id in self.patch_of_ward:
                areas_through.append(
                    Service.service_areas.through(
                        service_id=service.id, area_id=self.patch_of_ward[location.area_id].id
                    )
                )
        Location.objects.bulk_create(list(self.venues.values()))
        Service.objects.bulk_create(services)
        ServiceAtLocation.objects.bulk_create(links)
        Schedule.objects.bulk_create(schedules)
        Phone.objects.bulk_create(phones)
        CostOption.objects.bulk_create(costs)
        Service.taxonomy_terms.through.objects.bulk_create(terms_through)
        Service.service_areas.through.objects.bulk_create(areas_through)

    def review_dates(self) -> tuple[datetime.date, datetime.date]:
        if self.rng.random() < OVERDUE_SHARE:
            last = self.today - datetime.timedelta(days=self.rng.randint(380, 700))
        else:
            last = self.today - datetime.timedelta(days=self.rng.randint(5, 330))
        return last, last + datetime.timedelta(days=365)

    def template_service(self, template, ward_names, used_names):
        for attempt in range(8):
            if template.get("park"):
                park = self.rng.choice(sorted(PARKS))
                ward = self.wards[PARKS[park]]
                place, venue = park, "entrance"
            else:
                ward = self.wards[self.rng.choice(ward_names)]
                place = self.rng.choice(NEIGHBOURHOODS[ward.name])
                venue = template.get("venue") or self.rng.choice(VENUES)
                park = ""
            patch = self.patch_of_ward.get(ward.code)
            # area-wide services repeat per patch; after that, name them after a neighbourhood
            area_name = patch.name if patch and attempt < 2 else place
            name = template["name"].format(place=place, park=park, area=area_name)
            if name not in used_names:
                break
        else:
            name = f"{name} – {venue}"
        used_names.add(name)
        organisations = self.organisations[template["org"]]
        location = None
        if not template.get("phone_only"):
            location = self.location_in(ward, place, venue if not park else "Park entrance")
        last_reviewed, review_due = self.review_dates()
        event_date = None
        if template.get("event"):
            event_date = self.today + datetime.timedelta(days=self.rng.randint(3, 60))
        service = Service(
            id=self.uuid(),
            organisation=self.rng.choice(organisations),
            name=name,
            summary=template["summary"],
            description=f"<p>{template['description']}</p>",
            kind=template["kind"],
            how_to_access=template["access"],
            is_free=template["free"],
            fees_description=template.get("fees", ""),
            languages=template.get("languages", ["English"]),
            min_age=18 if template["kind"] != Service.Kind.CARERS_SUPPORT else 16,
            eligibility="Adults in Sheffield.",
            last_reviewed=last_reviewed,
            review_due=review_due,
            curator=self.coordinators[self.patch_name(patch)].user if patch else None,
            live=True,
            has_unpublished_changes=False,
            first_published_at=timezone.now(),
            last_published_at=timezone.now(),
        )
        service._event_date = event_date
        sessions = []
        for weekdays, (opens, closes) in template["sessions"]:
            days = list(weekdays)
            if template.get("event") and event_date:
                days = [event_date.isoweekday()]
            elif len(days) <= 2 and self.rng.random() < 0.3:
                days = [self.rng.randint(1, 5)]
            sessions.append((days, opens, closes, bool(template.get("bank_holidays"))))
        return service, location, sessions, template["categories"]

    def patch_name(self, patch: Area) -> str:
        return next(name for name, candidate in self.patches.items() if candidate == patch)

    def lac_service(self, patch_name: str):
        patch = self.patches[patch_name]
        coordinator = self.coordinators[patch_name]
        ward = patch.wards.order_by("name").first()
        place = NEIGHBOURHOODS[ward.name][0]
        location = self.location_in(ward, place, "Community Hub")
        last_reviewed, review_due = self.review_dates()
        service = Service(
            id=self.uuid(),
            organisation=self.organisations["council"][0],
            name=f"Local area coordination – {patch.name}",
            summary=f"{coordinator.name} can help people in {patch.name} find local support and make connections.",
            description="<p>Local area coordinators walk alongside people of all ages who want help to stay "
            "independent, connected and well, without needing a formal assessment.</p>",
            kind=Service.Kind.LAC_CONTACT,
            how_to_access=Service.HowToAccess.SELF_REFERRAL,
            is_free=True,
            languages=["English"],
            min_age=18,
            last_reviewed=last_reviewed,
            review_due=review_due,
            curator=coordinator.user,
            email=coordinator.email,
            live=True,
            first_published_at=timezone.now(),
            last_published_at=timezone.now(),
        )
        service._event_date = None
        return (
            service,
            location,
            [([1, 2, 3, 4, 5], "09:00", "17:00", False)],
            ["local-area-coordination", "information-advice"],
        )

    # --- moderation -------------------------------------------------------------------------

    def make_moderation_examples(self) -> None:
        """A few drafts never published, and a few live services with an edit awaiting approval."""
        User = get_user_model()
        editor = User.objects.filter(username__startswith="lac.").order_by("username").first()
        candidates = list(
            Service.objects.filter(kind=Service.Kind.COMMUNITY_ASSET).order_by("name")
        )
        self.rng.shuffle(candidates)
        for service in candidates[:DRAFTS]:
            Service.objects.filter(pk=service.pk).update(live=False, has_unpublished_changes=True)
            service.refresh_from_db()
            service.save_revision(user=editor, log_action=True)
        workflow = Service.get_default_workflow()
        for service in candidates[DRAFTS : DRAFTS + IN_MODERATION]:
            service.refresh_from_db()
            service.save_revision(user=editor).publish(
                user=editor, log_action=False, skip_permission_checks=True
            )
            service.summary = f"{service.summary} Now also meeting on Saturday mornings."
            service.save_revision(user=editor)
            if workflow is not None and editor is not None:
                workflow.start(service, editor)
