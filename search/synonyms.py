"""Everyday words people type, mapped to the words our listings use. Shared by every backend.

Each group is a set of interchangeable terms (single words or short phrases). When a search
contains any term of a group, the backends also look for the others. Keep phrases short and
lower case; words are matched after the same normalisation as search text (see search.text).
"""

SYNONYM_GROUPS: list[tuple[str, ...]] = [
    # Loneliness and social contact
    (
        "lonely",
        "loneliness",
        "isolated",
        "isolation",
        "social isolation",
        "befriending",
        "befriender",
        "friendship",
        "company",
        "companionship",
    ),
    ("social", "socialising", "meet people", "friends", "club", "get together"),
    ("lunch club", "community meal", "luncheon club", "dinner club"),
    # Memory and dementia
    (
        "memory",
        "memory problems",
        "memory loss",
        "forgetful",
        "forgetfulness",
        "dementia",
        "alzheimers",
        "alzheimer",
    ),
    ("dementia cafe", "memory cafe"),
    # Carers
    (
        "carer",
        "carers",
        "caring",
        "caregiver",
        "looking after",
        "look after",
        "care for",
        "unpaid carer",
    ),
    ("respite", "short break", "carers break", "sitting service", "time off"),
    (
        "mum",
        "mother",
        "dad",
        "father",
        "parent",
        "parents",
        "husband",
        "wife",
        "partner",
        "relative",
    ),
    # Money
    (
        "benefits",
        "benefit",
        "money advice",
        "welfare rights",
        "universal credit",
        "pension credit",
        "attendance allowance",
        "pip",
    ),
    ("debt", "debts", "money worries", "bills", "arrears", "money"),
    # Mobility and disability
    (
        "wheelchair",
        "mobility",
        "disabled access",
        "accessible",
        "step free",
        "disability",
        "disabled",
    ),
    (
        "equipment",
        "aids",
        "adaptations",
        "home adaptations",
        "adapted",
        "grab rails",
        "grab rail",
        "stairlift",
        "stair lift",
        "walking frame",
        "ramp",
        "wet room",
        "level access shower",
        "disabled facilities grant",
        "occupational therapy",
        "occupational therapist",
    ),
    ("fall", "falls", "falling", "fallen", "had a fall", "falls prevention", "unsteady"),
    ("blue badge", "disabled parking", "parking permit", "disabled badge", "parking badge"),
    # Personal care and health
    (
        "foot care",
        "footcare",
        "foot health",
        "podiatry",
        "podiatrist",
        "chiropody",
        "chiropodist",
        "toenail",
        "toenails",
        "toenail cutting",
        "nail cutting",
        "nail care",
    ),
    (
        "continence",
        "incontinence",
        "incontinent",
        "bladder",
        "bowel",
        "continence pads",
        "pads",
    ),
    # Mental health
    (
        "mental health",
        "low mood",
        "depression",
        "depressed",
        "anxiety",
        "anxious",
        "stress",
        "wellbeing",
        "worried",
    ),
    ("crisis", "suicidal", "urgent mental health"),
    ("counselling", "counseling", "talking therapy", "therapy", "someone to talk to", "listening"),
    # Activity
    (
        "exercise",
        "keep fit",
        "fitness",
        "keeping active",
        "physical activity",
        "chair based exercise",
    ),
    ("swimming", "swim", "pool", "aquafit"),
    ("walking", "walk", "walks", "walking group", "rambling"),
    # Sensory
    ("deaf", "hearing loss", "hard of hearing", "hearing", "bsl", "sign language"),
    ("blind", "sight loss", "visually impaired", "visual impairment", "partially sighted"),
    # Conditions
    ("stroke", "after a stroke"),
    ("parkinsons", "parkinson"),
    (
        "learning disability",
        "learning disabilities",
        "learning difficulties",
        "autism",
        "autistic",
        "asperger",
    ),
    # Home and practical
    ("home help", "cleaning", "shopping", "gardening", "handyperson", "odd jobs", "practical help"),
    ("transport", "lift", "lifts", "getting out", "community transport", "dial a ride", "bus"),
    (
        "hospital discharge",
        "discharged",
        "discharge from hospital",
        "coming home from hospital",
        "going home from hospital",
        "leaving hospital",
        "home from hospital",
        "after hospital",
    ),
    ("hoarding", "hoarder", "hoard", "clutter", "cluttered", "declutter", "decluttering"),
    ("food bank", "food", "foodbank", "pantry", "hungry", "meals"),
    ("housing", "homeless", "homelessness", "eviction", "landlord"),
    # Life events
    (
        "bereavement",
        "bereaved",
        "grief",
        "grieving",
        "loss of",
        "died",
        "passed away",
        "funeral",
        "widow",
        "widower",
        "widowed",
    ),
    ("abuse", "safeguarding", "neglect", "scam", "scams", "unsafe", "domestic abuse"),
    ("alcohol", "drinking", "drugs", "addiction", "substance misuse"),
    ("computer", "digital", "internet", "online", "tablet", "smartphone", "ipad", "email"),
    ("volunteer", "volunteering", "volunteers"),
    ("advocacy", "advocate", "have your say", "speak up"),
    (
        "older people",
        "elderly",
        "old age",
        "pensioner",
        "pensioners",
        "over 60s",
        "over 50s",
        "seniors",
        "later life",
    ),
]

# People's words for our categories: a match adds the category's listings to the results.
CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "social-activities": ("lonely", "loneliness", "isolated", "social", "friends", "company"),
    "befriending": ("befriending", "befriender", "lonely", "loneliness"),
    "lunch-clubs": ("lunch club", "community meal"),
    "memory-dementia": ("memory", "dementia", "alzheimers", "forgetful"),
    "carers-support": ("carer", "carers", "caring", "looking after"),
    "carers-breaks": ("respite", "short break", "sitting service"),
    "money-benefits": ("benefits", "money", "debt", "welfare rights"),
    "mental-health": ("mental health", "low mood", "anxiety", "depression", "stress"),
    "physical-activity": ("exercise", "swimming", "walking", "keep fit"),
    "mobility-equipment": ("equipment", "adaptations", "mobility"),
    "bereavement": ("bereavement", "grief"),
    "hospital-discharge": ("hospital discharge", "home from hospital", "leaving hospital"),
    "food": ("food bank", "food"),
    "digital-skills": ("computer", "digital", "internet", "tablet"),
}

# Common misspellings people type, and the word they meant (curated: one way, checked by a
# person). A misspelling here finds what its word finds and the results page says so
# ("Including results for ‘dementia’"); any other typo finds nothing and is only offered a
# "Did you mean …?" link.
MISSPELLINGS: dict[str, str] = {
    "alzhiemers": "alzheimers",
    "altzheimers": "alzheimers",
    "befrinding": "befriending",
    "benifit": "benefit",
    "benifits": "benefits",
    "bereavment": "bereavement",
    "berevement": "bereavement",
    "chiropidist": "chiropodist",
    "councelling": "counselling",
    "dementa": "dementia",
    "demensia": "dementia",
    "dimentia": "dementia",
    "excercise": "exercise",
    "incontinance": "incontinence",
    "lonley": "lonely",
    "podiatary": "podiatry",
    "podiatrest": "podiatrist",
    "respit": "respite",
    "soical": "social",
    "wheelchiar": "wheelchair",
}

# Needs, and the categories to suggest beside "No results" when a search for them finds
# nothing: only ever links to browse, never results. Keyed by any term of a synonym group.
RELATED_CATEGORIES: dict[str, tuple[str, ...]] = {
    "foot care": ("health-conditions", "home-help"),
    "hoarding": ("mental-health", "home-help"),
    "blue badge": ("disability-support", "transport"),
    "continence": ("health-conditions", "disability-support"),
    "falls": ("physical-activity", "mobility-equipment"),
    "adaptations": ("mobility-equipment", "disability-support"),
    "hospital discharge": ("hospital-discharge", "home-help"),
    "bereavement": ("bereavement", "mental-health"),
}

CARER_WORDS = frozenset(
    {"carer", "carers", "caring", "caregiver", "respite", "looking after", "look after", "care for"}
)


def _build_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for group in SYNONYM_GROUPS:
        for term in group:
            index.setdefault(term, set()).update(group)
    for typo, meant in MISSPELLINGS.items():
        index.setdefault(typo, {typo}).update(index.get(meant, {meant}))
    return {term: frozenset(alternatives) for term, alternatives in index.items()}


SYNONYMS: dict[str, frozenset[str]] = _build_index()
MAX_PHRASE_WORDS = max(len(term.split()) for term in SYNONYMS)


def alternatives_for(term: str) -> frozenset[str]:
    """All interchangeable terms for `term` (including itself)."""
    return SYNONYMS.get(term, frozenset({term}))


def elasticsearch_synonym_rules() -> list[str]:
    """The groups as Solr-format equivalence rules for Elasticsearch's synonym_graph filter."""
    rules = [", ".join(group) for group in SYNONYM_GROUPS]
    return rules + [f"{typo} => {meant}" for typo, meant in MISSPELLINGS.items()]
