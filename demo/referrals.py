"""Demo referrals: the self-referrals that followed the synthetic searches (demo.synthetic),
sent through the referrals service like real ones (encrypted, routed to a team, counted by
analytics, notifications written to the outbox) and moved through the queue, so the triage
queues hold every status in the mix a team would have: recent ones new or in review, older
ones mostly closed with an outcome, and a few left open past their response date.

Names, addresses and stories are made up (0114 496 0xxx is Ofcom's range for drama); each
referral's postcode is a real one in the ward its search came from, so it routes and counts
by area like a real one. The notifications are marked sent: they are history.
"""

import datetime
import random

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from analytics.models import ReferralEvent, SearchEvent
from demo.synthetic import REFERRAL_OUTCOMES, SYNTHETIC_BACKEND, SyntheticReferral
from directory.models import Postcode
from referrals import routing, services
from referrals.choices import (
    BestTime,
    CarerOutcome,
    CarerSupportFor,
    CaringHours,
    ConsentGivenBy,
    ContactMethod,
    FilledInBy,
    HandoverState,
    Outcome,
    ProfessionalRole,
    Status,
    WellbeingOutcome,
)
from referrals.models import OutboxMessage, Referral, ReferralAuditEntry

FIRST_NAMES = [
    "Margaret", "Patricia", "Jean", "Susan", "Linda", "Barbara", "Maureen", "Joan", "Sandra",
    "Christine", "John", "David", "Michael", "Peter", "Brian", "Alan", "Keith", "Stephen",
    "Ian", "Derek", "Aisha", "Mohammed", "Priya", "Tomasz", "Agnieszka", "Kwame", "Grace",
    "Samira", "Liam", "Chloe",
]  # fmt: skip
SURNAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Wilson", "Johnson", "Walker", "Wright", "Robinson",
    "Thompson", "Hughes", "Green", "Hall", "Wood", "Khan", "Ahmed", "Hussain", "Patel",
    "Nowak", "Mensah", "Clarke", "Turner", "Hill", "Ward", "Cooper",
]  # fmt: skip
STREETS = [
    "Walkley Road", "Middlewood Road", "Abbeydale Road", "Staniforth Road", "Prince of Wales Road",
    "Ecclesall Road", "Firth Park Road", "Manor Lane", "Crookes Road", "Barnsley Road",
]  # fmt: skip
SITUATIONS = [
    "I live on my own and since my fall I struggle with the stairs and getting to the shops.",
    "My dad is forgetting things and has left the cooker on twice. He wants to stay at home.",
    "I have not been out of the house for weeks and I do not see anyone. I feel very low.",
    "I can no longer manage the bath and I am worried about washing properly.",
    "Since my wife died I am not eating properly and the house is getting on top of me.",
    "My mum's arthritis is worse and she cannot get dressed without help in the mornings.",
    "I would like to get back into volunteering but I do not know where to start.",
    "I am struggling with bills and the house is cold. I have COPD.",
]
CARER_SITUATIONS = [
    "I look after my husband who has dementia. I have not had a full night's sleep in months.",
    "I care for my son who has a learning disability and I would like a break now and then.",
    "I work full time and care for my mother in the evenings. I am exhausted.",
    "I care for my partner after his stroke. I have had to give up my job and I feel alone.",
]
# Professionals who refer (#23): (role, organisations, email domain). Made-up teams.
PROFESSIONALS = [
    (ProfessionalRole.GP, ["Walkley Road Surgery", "Hillsborough Park Medical Practice"], "nhs.example"),
    (ProfessionalRole.SOCIAL_PRESCRIBER, ["North Sheffield Social Prescribing", "Crookes Link Workers"], "nhs.example"),
    (ProfessionalRole.HOSPITAL_DISCHARGE, ["Northern General Hospital discharge team", "Royal Hallamshire discharge team"], "nhs.example"),
    (ProfessionalRole.COMMUNITY_HEALTH, ["Community Nursing Team (North)", "Community Therapy Service"], "nhs.example"),
    (ProfessionalRole.HOUSING, ["Council Housing, North area office"], "council.example"),
    (ProfessionalRole.VOLUNTARY_SECTOR, ["Manor Lane Community Association", "Good Neighbours Sheffield"], "example.org"),
    (ProfessionalRole.OTHER, ["Barnsley Road Pharmacy"], "example.com"),
]  # fmt: skip
PROFESSIONAL_WEIGHTS = [30, 25, 20, 10, 5, 7, 3]
CONSENT_WEIGHTS = [(ConsentGivenBy.PERSON, 80), (ConsentGivenBy.ATTORNEY, 12), (ConsentGivenBy.BEST_INTERESTS, 8)]  # fmt: skip
# Who fills in the referrals that are not a carer's: about one in five is a professional's,
# so about 15% of all referrals.
NOT_CARER_FILLED_IN_BY = [
    (FilledInBy.MYSELF, 48),
    (FilledInBy.SOMEONE_ELSE, 32),
    (FilledInBy.PROFESSIONAL, 20),
]
WHAT_MATTERS = [
    "Staying in my own home.",
    "Being able to see my grandchildren.",
    "Getting out to my church on Sundays.",
    "Not being a burden on my family.",
    "",
]

# (target status, weight) by how many days ago the referral arrived: the newest are mostly
# waiting, the older mostly closed, with a few left open too long (overdue).
STATUS_MIX = [
    (2, [(Status.NEW, 70), (Status.IN_REVIEW, 20), (Status.CONTACTED, 10)]),
    (
        7,
        [(Status.NEW, 25), (Status.IN_REVIEW, 30), (Status.CONTACTED, 25), (Status.CLOSED, 20)],
    ),
    (
        30,
        [(Status.NEW, 1), (Status.IN_REVIEW, 2), (Status.CONTACTED, 7), (Status.CLOSED, 90)],
    ),
    (None, [(Status.IN_REVIEW, 2), (Status.CONTACTED, 5), (Status.CLOSED, 993)]),
]
# Each team's newest referrals, newest first, are left waiting like this.
NEWEST_STATUSES = [Status.NEW, Status.NEW, Status.IN_REVIEW]
# The way a referral moves through the queue to each status.
PATHS = {
    Status.NEW: [],
    Status.IN_REVIEW: [Status.IN_REVIEW],
    Status.CONTACTED: [Status.IN_REVIEW, Status.CONTACTED],
    Status.CLOSED: [Status.IN_REVIEW, Status.CONTACTED, Status.CLOSED],
}
WELLBEING_NEEDS = [outcome.value for outcome in WellbeingOutcome]
CARER_NEEDS = [outcome.value for outcome in CarerOutcome]


def remove_demo_referrals() -> int:
    """Delete the referrals that followed synthetic searches (found by their analytics event's
    session), with their audit entries and notifications. Returns how many."""
    sessions = SearchEvent.objects.filter(backend=SYNTHETIC_BACKEND).values("session_hash")
    tokens = ReferralEvent.objects.filter(session_hash__in=sessions).values("token")
    referrals = Referral.objects.filter(event_token__in=tokens)
    count = referrals.count()
    ReferralAuditEntry.objects.filter(referral__in=referrals).delete()
    OutboxMessage.objects.filter(referral__in=referrals).delete()
    referrals.delete()
    return count


class DemoReferrals:
    """Collects the synthetic referrals (`generate_events(on_referral=...)`), then sends them
    through the referrals service and moves each along its queue (`send`)."""

    def __init__(self, seed: int, now: datetime.datetime):
        self.rng = random.Random(seed)  # noqa: S311 - repeatable demo data, not secrets
        self.now = now
        self.requests: list[SyntheticReferral] = []
        self.postcodes: dict = {}

    def __call__(self, request: SyntheticReferral) -> None:
        self.requests.append(request)

    def send(self) -> dict[str, int]:
        """Store every collected referral; returns how many now have each status."""
        counts = dict.fromkeys(Status.values, 0)
        with transaction.atomic():
            planned = [(request, self.answers(request)) for request in self.requests]
            waiting = self.newest_per_team(planned)
            sent = [
                self.send_one(request, answers, waiting.get(index))
                for index, (request, answers) in enumerate(planned)
            ]
            for referral in sent:
                counts[referral.status] += 1
            OutboxMessage.objects.filter(
                referral__in=[referral.pk for referral in sent],
                status=OutboxMessage.Status.PENDING,
            ).update(status=OutboxMessage.Status.SENT, sent_at=F("created_at"), payload={})
        return counts

    @staticmethod
    def newest_per_team(planned) -> dict[int, str]:
        """{index: status} for each team's newest referrals, still waiting whatever the draw:
        every queue, even a quiet one, shows work to do."""
        waiting: dict[int, str] = {}
        seen: dict[str, int] = {}
        for index in range(len(planned) - 1, -1, -1):
            team = routing.team_for(planned[index][1])
            position = seen.get(team, 0)
            if position < len(NEWEST_STATUSES):
                waiting[index] = NEWEST_STATUSES[position]
            seen[team] = position + 1
        return waiting

    def send_one(self, request: SyntheticReferral, answers: dict, status=None) -> Referral:
        rng = self.rng
        received = request.occurred + datetime.timedelta(minutes=rng.randint(2, 55))
        referral = services.submit_referral(answers, visit=request.session, now=received)
        status = status or self.target_status(received)
        closed_after = datetime.timedelta(days=rng.randint(1, 25), hours=rng.randint(1, 6))
        last = min(received + closed_after, self.now)
        steps = PATHS[status]
        if steps and referral.handover == HandoverState.WAITING:
            # Routed to a partner (the Carers Centre): it accepted before moving it on.
            accepted = received + (last - received) / (2 * len(steps))
            services.accept_referral(referral, None, now=accepted, notify=False)
        for index, step in enumerate(steps, start=1):
            moment = received + (last - received) * index / len(steps)
            outcome = self.outcome(request) if step == Status.CLOSED else ""
            services.change_status(referral, None, step, outcome, now=moment, notify=False)
        return referral

    def target_status(self, received: datetime.datetime) -> str:
        age = (self.now - received).days
        for days, weights in STATUS_MIX:
            if days is None or age <= days:
                statuses, chances = zip(*weights, strict=True)
                return self.rng.choices(statuses, weights=chances)[0]
        raise AssertionError("unreachable")

    def outcome(self, request: SyntheticReferral) -> str:
        codes, weights = zip(*REFERRAL_OUTCOMES, strict=True)
        outcome = self.rng.choices(codes, weights=weights)[0]
        if outcome == Outcome.CARERS_CENTRE and not request.is_carer:
            outcome = Outcome.COMMUNITY_ASSET
        return outcome.value

    def postcode(self, area) -> str:
        """A real postcode in the ward (so the referral gets the same area), or ""."""
        if area is None or not area.code:
            return ""
        if area.pk not in self.postcodes:
            self.postcodes[area.pk] = list(
                Postcode.objects.filter(ward_code=area.code)
                .order_by("postcode")
                .values_list("postcode", flat=True)[:20]
            )
        choices = self.postcodes[area.pk]
        return self.rng.choice(choices) if choices else ""

    def answers(self, request: SyntheticReferral) -> dict:
        """A whole answers document, as the wizard builds it (referrals.answers)."""
        rng = self.rng
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        if request.is_carer:
            filled_in_by = FilledInBy.CARER
        else:
            who, weights = zip(*NOT_CARER_FILLED_IN_BY, strict=True)
            filled_in_by = rng.choices(who, weights=weights)[0]
        born = datetime.date(rng.randint(1930, 1975), rng.randint(1, 12), rng.randint(1, 28))
        answers = {
            "urgent": "none",
            "filled_in_by": filled_in_by.value,
            "consent": {"person_agrees": "yes"}
            if filled_in_by == FilledInBy.SOMEONE_ELSE
            else {"agrees": True},
            "referrer": {},
            "person": {
                "full_name": f"{first} {last}",
                "date_of_birth": born.isoformat(),
                "address_line_1": f"{rng.randint(1, 240)} {rng.choice(STREETS)}",
                "address_line_2": "",
                "town": "Sheffield",
                "postcode": self.postcode(request.area),
                "phone": f"0114 496 0{rng.randint(100, 998)}",
                "email": f"{first.lower()}.{last.lower()}@example.com",
                "contact_method": rng.choice(ContactMethod.values),
                "best_time": rng.choice(BestTime.values),
                "contact_notes": "",
            },
            "communication": {"language": "", "needs": [], "other_needs": ""},
            "situation": {
                "what_is_happening": rng.choice(
                    CARER_SITUATIONS if request.is_carer else SITUATIONS
                ),
                "what_matters": rng.choice(WHAT_MATTERS),
            },
            "outcomes": sorted(
                rng.sample(CARER_NEEDS if request.is_carer else WELLBEING_NEEDS, rng.randint(1, 3))
            ),
            "outcomes_other": "",
            "carer": {},
            "gp": {},
            "services": {"services": [], "searches": [], "other_help": ""},
            "wants_confirmation_email": rng.random() < 0.4
            and filled_in_by != FilledInBy.PROFESSIONAL,
        }
        if filled_in_by == FilledInBy.SOMEONE_ELSE:
            answers["referrer"] = {
                "referrer_name": f"{rng.choice(FIRST_NAMES)} {last}",
                "relationship": rng.choice(["daughter", "son", "neighbour", "friend"]),
                "referrer_email": "",
            }
        if filled_in_by == FilledInBy.PROFESSIONAL:
            answers["consent"], answers["referrer"] = self.professional(request)
        if request.is_carer:
            support_for = rng.choices(CarerSupportFor.values, weights=[45, 40, 15])[0]
            answers["carer"] = {
                "hours": rng.choice(CaringHours.values),
                "support_for": support_for,
                "wants_assessment": rng.random() < 0.4,
                "tell_about_cared_for": False,
                "cared_for_name": "",
                "relationship": rng.choice(["husband", "wife", "mother", "father", "son"]),
            }
        return answers

    def professional(self, request: SyntheticReferral) -> tuple[dict, dict]:
        """A professional's consent and details (answers["consent"], answers["referrer"]),
        as the wizard's professional route stores them."""
        rng = self.rng
        role, organisations, domain = rng.choices(PROFESSIONALS, weights=PROFESSIONAL_WEIGHTS)[0]
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        given_by, weights = zip(*CONSENT_WEIGHTS, strict=True)
        given_on = timezone.localdate(request.occurred) - datetime.timedelta(
            days=rng.randint(0, 10)
        )
        consent = {
            "consent_given_by": rng.choices(given_by, weights=weights)[0].value,
            "consent_date": given_on.isoformat(),
        }
        referrer = {
            "referrer_name": f"{'Dr ' if role == ProfessionalRole.GP else ''}{first} {last}",
            "role": role.value,
            "role_other": "Community pharmacist" if role == ProfessionalRole.OTHER else "",
            "organisation": rng.choice(organisations),
            "referrer_phone": f"0114 496 0{rng.randint(100, 998)}",
            "referrer_email": f"{first.lower()}.{last.lower()}@{domain}",
        }
        return consent, referrer
