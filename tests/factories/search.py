"""A small, realistic Sheffield directory for search tests, and helpers to build listings.

`ServiceFactory(categories=…)` from the directory factories sets the terms on an unsaved
cluster relation; `listing()` here saves them so the terms reach the database and the index.
"""

from directory.models import Location, Postcode, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from directory.vocabulary import CATEGORIES, TAXONOMY_NAME
from tests.factories.directory import OrganisationFactory

# Outcode -> (latitude, longitude) of a point in it.
OUTCODES = {
    "S1": (53.3811, -1.4701),
    "S2": (53.3700, -1.4500),
    "S5": (53.4200, -1.4600),
    "S6": (53.4040, -1.5000),
    "S8": (53.3400, -1.4800),
    "S10": (53.3800, -1.5100),
    "S11": (53.3600, -1.5000),
    "S13": (53.3700, -1.3800),
}

# (name, summary, category codes, outcode, extra fields)
LISTINGS = [
    (
        "Hillsborough Memory Café",
        "A relaxed monthly café for people living with dementia and the family members who support them.",
        ["memory-dementia"],
        "S6",
        {},
    ),
    (
        "Alzheimer's Society Sheffield Dementia Support",
        "Dementia advisers offering information and practical support after a diagnosis.",
        ["memory-dementia"],
        "S1",
        {},
    ),
    (
        "Forget-Me-Not Singing Group",
        "Singing for the brain: music sessions for people with memory loss and their carers.",
        ["memory-dementia", "social-activities"],
        "S10",
        {},
    ),
    (
        "Sheffield Carers Centre",
        "Information, advice and a carer's assessment for anyone looking after a relative or friend.",
        ["carers-support"],
        "S1",
        {"kind": "carers_support"},
    ),
    (
        "Carers' Respite Sitting Service",
        "Trained volunteers sit with the person you care for so you can have a break.",
        ["carers-breaks"],
        "S8",
        {"kind": "carers_support"},
    ),
    (
        "Young Adult Carers Group",
        "Peer support for carers aged 16 to 25.",
        ["carers-support"],
        "S2",
        {"kind": "carers_support", "min_age": 16, "max_age": 25},
    ),
    (
        "Dementia Carers Support Group",
        "Monthly meeting for husbands, wives and children caring for someone with dementia.",
        ["carers-support", "memory-dementia"],
        "S11",
        {"kind": "carers_support"},
    ),
    (
        "Citizens Advice Sheffield",
        "Free, confidential advice on benefits, debt, housing and employment.",
        ["money-benefits", "information-advice"],
        "S1",
        {"is_free": True, "kind": "service"},
    ),
    (
        "Age UK Sheffield Benefits Check",
        "Find out which benefits you could claim, including Attendance Allowance and Pension Credit.",
        ["money-benefits"],
        "S1",
        {"is_free": True, "kind": "service"},
    ),
    (
        "Money Matters Debt Advice",
        "Help with debts, arrears and budgeting.",
        ["money-benefits"],
        "S5",
        {"kind": "service"},
    ),
    (
        "Welfare Rights Service",
        "Council welfare rights officers help with PIP and Universal Credit forms and appeals.",
        ["money-benefits"],
        "S1",
        {"kind": "service"},
    ),
    (
        "Good Neighbours Befriending Scheme",
        "A volunteer visits you each week for a chat and a cup of tea if you feel lonely or cut off.",
        ["befriending"],
        "S6",
        {},
    ),
    (
        "Telephone Friendship Line",
        "Regular friendly phone calls for older people living alone.",
        ["befriending"],
        "S1",
        {},
    ),
    (
        "Tuesday Coffee Morning at St Mark's",
        "Meet new people over coffee and cake.",
        ["social-activities"],
        "S10",
        {},
    ),
    (
        "Hillsborough Lunch Club",
        "A hot two-course lunch and good company every Wednesday.",
        ["lunch-clubs"],
        "S6",
        {},
    ),
    (
        "Firth Park Community Meals",
        "A community meal for older people; transport available.",
        ["lunch-clubs"],
        "S5",
        {},
    ),
    (
        "Men's Shed Sheffield",
        "A workshop where men can share skills, make things and make friends.",
        ["social-activities"],
        "S2",
        {},
    ),
    (
        "Chair-Based Exercise Class",
        "Gentle seated exercise to improve strength and balance and prevent falls.",
        ["physical-activity"],
        "S8",
        {},
    ),
    (
        "Inclusive Swimming at Ponds Forge",
        "Pool sessions with hoist access and a Changing Places toilet for wheelchair users and disabled swimmers.",
        ["physical-activity", "disability-support"],
        "S1",
        {},
    ),
    (
        "Walking for Health Sheffield",
        "Free, friendly led walks of 30 to 90 minutes across the city.",
        ["physical-activity"],
        "S11",
        {"is_free": True},
    ),
    (
        "Wheelchair Sports Club",
        "Wheelchair basketball and table tennis for all abilities.",
        ["physical-activity", "disability-support"],
        "S13",
        {},
    ),
    (
        "Aquafit for Over 50s",
        "Water-based exercise class at Hillsborough Leisure Centre.",
        ["physical-activity"],
        "S6",
        {"min_age": 50},
    ),
    (
        "Sheffield Mind",
        "Counselling, peer support and courses for people with anxiety, depression or low mood.",
        ["mental-health"],
        "S1",
        {"kind": "service"},
    ),
    (
        "Sheffield Crisis House",
        "A short stay for adults in a mental health crisis, as an alternative to hospital.",
        ["mental-health"],
        "S10",
        {"kind": "service", "how_to_access": "professional_referral"},
    ),
    (
        "Anxiety Peer Support Group",
        "A weekly group for people who experience anxiety and panic.",
        ["mental-health"],
        "S2",
        {},
    ),
    (
        "Talking Therapies Sheffield",
        "NHS talking therapy for stress, worry and low mood. You can refer yourself.",
        ["mental-health"],
        "S1",
        {"kind": "service"},
    ),
    (
        "Community Equipment Service",
        "Loans of walking frames, grab rails, bath seats and other equipment to help you stay safe at home.",
        ["mobility-equipment"],
        "S1",
        {"kind": "service"},
    ),
    (
        "Disabled Facilities Grants",
        "Council grants for home adaptations such as stairlifts, ramps and level-access showers.",
        ["mobility-equipment", "housing"],
        "S1",
        {"kind": "service"},
    ),
    (
        "Shopmobility Sheffield",
        "Hire a mobility scooter or wheelchair to get around the city centre.",
        ["mobility-equipment", "transport"],
        "S1",
        {"kind": "service"},
    ),
    (
        "Handy Help Home Repairs",
        "Small repairs, grab rails and odd jobs for older and disabled people.",
        ["home-help"],
        "S8",
        {"kind": "service"},
    ),
    ("Garden Helpers Scheme", "Volunteers help keep your garden tidy.", ["home-help"], "S11", {}),
    (
        "Shopping Buddies",
        "A volunteer takes you shopping or does your shopping for you.",
        ["home-help"],
        "S6",
        {},
    ),
    (
        "Community Transport Sheffield",
        "Door-to-door accessible minibus for people who find buses difficult.",
        ["transport"],
        "S2",
        {"kind": "service"},
    ),
    (
        "Dial-a-Ride Hospital Transport",
        "Lifts to hospital appointments.",
        ["transport"],
        "S5",
        {"kind": "service"},
    ),
    (
        "Sheffield Royal Society for the Blind",
        "Support, equipment and social groups for people with sight loss.",
        ["sight-hearing"],
        "S1",
        {},
    ),
    ("Deaf Advice Sheffield", "Advice in BSL for deaf people.", ["sight-hearing"], "S1", {}),
    (
        "Hearing Aid Maintenance Drop-in",
        "Get your NHS hearing aid re-tubed and batteries replaced.",
        ["sight-hearing"],
        "S6",
        {"how_to_access": "drop_in"},
    ),
    (
        "Stroke Recovery Club",
        "Peer support and exercise for people after a stroke.",
        ["health-conditions"],
        "S10",
        {},
    ),
    (
        "Parkinson's UK Sheffield Branch",
        "Meetings, exercise and information for people with Parkinson's.",
        ["health-conditions"],
        "S11",
        {},
    ),
    (
        "Diabetes Education Group",
        "Learn to manage type 2 diabetes.",
        ["health-conditions"],
        "S5",
        {},
    ),
    (
        "Cruse Bereavement Support",
        "Support after the death of someone close to you.",
        ["bereavement"],
        "S1",
        {},
    ),
    (
        "Widows' Friendship Circle",
        "A social group for people who have lost a husband, wife or partner.",
        ["bereavement", "social-activities"],
        "S8",
        {},
    ),
    (
        "Housing Advice Service",
        "Help if you are homeless or at risk of losing your home.",
        ["housing"],
        "S1",
        {"kind": "service"},
    ),
    ("Hillsborough Food Bank", "Emergency food parcels on referral.", ["food"], "S6", {}),
    ("Community Pantry", "A low-cost weekly shop for members.", ["food"], "S2", {}),
    (
        "Digital Buddies",
        "Help using your tablet or smartphone and getting online.",
        ["digital-skills"],
        "S10",
        {},
    ),
    (
        "Silver Surfers Computer Club",
        "Learn computer and internet skills at the library.",
        ["digital-skills"],
        "S5",
        {},
    ),
    (
        "Volunteer Centre Sheffield",
        "Find volunteering roles that suit you.",
        ["volunteering"],
        "S1",
        {},
    ),
    ("Scams Awareness Talks", "Learn how to spot scams and stay safe.", ["safeguarding"], "S1", {}),
    (
        "Adult Safeguarding Helpline",
        "Report concerns about abuse or neglect of an adult.",
        ["safeguarding"],
        "S1",
        {"kind": "service"},
    ),
    (
        "Alcohol Support Service",
        "Confidential support to cut down or stop drinking.",
        ["substance-misuse"],
        "S2",
        {"kind": "service"},
    ),
    (
        "Independent Advocacy Sheffield",
        "An advocate can help you have your say about your care.",
        ["advocacy"],
        "S1",
        {"kind": "service"},
    ),
    (
        "Hospital to Home Service",
        "Support to settle back at home after a hospital stay: shopping, prescriptions and check-in calls.",
        ["hospital-discharge"],
        "S10",
        {"kind": "service"},
    ),
    (
        "Urdu Speaking Women's Group",
        "A friendly group for women who speak Urdu and Punjabi.",
        ["faith-culture"],
        "S2",
        {},
    ),
    (
        "Learning Disability Drama Group",
        "Drama and performance for adults with a learning disability.",
        ["learning-disability"],
        "S1",
        {},
    ),
    (
        "Autism Adult Social Group",
        "A monthly social evening for autistic adults.",
        ["learning-disability"],
        "S10",
        {},
    ),
    (
        "Local Area Coordinator: Hillsborough",
        "Your local area coordinator can help you find support and connect with your community.",
        ["local-area-coordination"],
        "S6",
        {"kind": "lac_contact"},
    ),
    (
        "Local Area Coordinator: Firth Park",
        "Your local area coordinator can help you find support and connect with your community.",
        ["local-area-coordination"],
        "S5",
        {"kind": "lac_contact"},
    ),
    (
        "Knit and Natter",
        "Bring your knitting, share patterns and have a natter.",
        ["social-activities"],
        "S8",
        {},
    ),
    (
        "Over 60s Tea Dance",
        "A monthly tea dance with live music.",
        ["social-activities"],
        "S13",
        {"min_age": 60},
    ),
    (
        "Gardening Club for People with Dementia",
        "Outdoor gardening sessions for people living with dementia.",
        ["memory-dementia", "physical-activity"],
        "S11",
        {},
    ),
    (
        "Carers' Benefits Advice",
        "Help for carers to claim Carer's Allowance.",
        ["money-benefits", "carers-support"],
        "S1",
        {"kind": "carers_support"},
    ),
    (
        "Falls Prevention Service",
        "Assessment and exercise to reduce your risk of falling at home.",
        ["physical-activity", "health-conditions"],
        "S5",
        {"kind": "service"},
    ),
    (
        "Continence Advice Clinic",
        "NHS advice on bladder and bowel problems.",
        ["health-conditions"],
        "S10",
        {"kind": "service"},
    ),
    (
        "Macular Support Group",
        "A support group for people with macular degeneration.",
        ["sight-hearing"],
        "S11",
        {},
    ),
    ("Community Choir", "Everyone welcome, no auditions.", ["social-activities"], "S2", {}),
    (
        "Meals on Wheels",
        "Hot meals delivered to your door.",
        ["food", "home-help"],
        "S8",
        {"kind": "service"},
    ),
    ("Draft Dementia Group", "Not yet published.", ["memory-dementia"], "S6", {"live": False}),
    (
        "Closed Dementia Café",
        "This café has closed.",
        ["memory-dementia"],
        "S6",
        {"status": "defunct"},
    ),
]


def seed_categories() -> dict[str, TaxonomyTerm]:
    """The seeded vocabulary (directory.vocabulary), with parents."""
    taxonomy, _ = Taxonomy.objects.get_or_create(name=TAXONOMY_NAME)
    terms = {}
    for code, name, description, _parent in CATEGORIES:
        terms[code], _ = TaxonomyTerm.objects.get_or_create(
            code=code, defaults={"taxonomy": taxonomy, "name": name, "description": description}
        )
    for code, _name, _description, parent in CATEGORIES:
        if parent:
            TaxonomyTerm.objects.filter(code=code).update(parent=terms[parent])
    return terms


def seed_postcodes() -> None:
    for outcode, (latitude, longitude) in OUTCODES.items():
        Postcode.objects.get_or_create(
            postcode=f"{outcode} 1AA",
            defaults={
                "outcode": outcode,
                "latitude": latitude,
                "longitude": longitude,
                "ward_code": "E05010862",
            },
        )


def listing(name, summary="", codes=(), outcode=None, terms=None, **fields) -> Service:
    """A saved service with categories and a location; indexed through the signals."""
    fields.setdefault("status", Service.Status.ACTIVE)
    fields.setdefault("live", True)
    fields.setdefault("kind", Service.Kind.COMMUNITY_ASSET)
    service = Service.objects.create(
        organisation=OrganisationFactory(name=f"{name} Trust"),
        name=name,
        summary=summary,
        description=f"<p>{summary}</p>",
        **fields,
    )
    if codes:
        terms = terms or {t.code: t for t in TaxonomyTerm.objects.filter(code__in=codes)}
        service.taxonomy_terms.set([terms[code] for code in codes])
        service.save()
    if outcode:
        latitude, longitude = OUTCODES[outcode]
        location = Location.objects.create(
            name=name, postcode=f"{outcode} 1AA", latitude=latitude, longitude=longitude
        )
        ServiceAtLocation.objects.create(service=service, location=location)
    return service


def sheffield_directory() -> dict[str, Service]:
    """The listings above, by name (drafts and defunct listings included, for negative checks)."""
    terms = seed_categories()
    seed_postcodes()
    return {
        name: listing(name, summary, codes, outcode, terms=terms, **extra)
        for name, summary, codes, outcode, extra in LISTINGS
    }
