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
    ("equipment", "aids", "adaptations", "grab rails", "stairlift", "walking frame"),
    ("fall", "falls", "falling"),
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
    ("hospital discharge", "coming home from hospital", "leaving hospital", "home from hospital"),
    ("food bank", "food", "foodbank", "pantry", "hungry", "meals"),
    ("housing", "homeless", "homelessness", "eviction", "landlord"),
    # Life events
    ("bereavement", "bereaved", "grief", "grieving", "loss of", "died", "widow", "widowed"),
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
    "food": ("food bank", "food"),
    "digital-skills": ("computer", "digital", "internet", "tablet"),
}

CARER_WORDS = frozenset(
    {"carer", "carers", "caring", "caregiver", "respite", "looking after", "look after", "care for"}
)


def _build_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for group in SYNONYM_GROUPS:
        for term in group:
            index.setdefault(term, set()).update(group)
    return {term: frozenset(alternatives) for term, alternatives in index.items()}


SYNONYMS: dict[str, frozenset[str]] = _build_index()
MAX_PHRASE_WORDS = max(len(term.split()) for term in SYNONYMS)


def alternatives_for(term: str) -> frozenset[str]:
    """All interchangeable terms for `term` (including itself)."""
    return SYNONYMS.get(term, frozenset({term}))


def elasticsearch_synonym_rules() -> list[str]:
    """The groups as Solr-format equivalence rules for Elasticsearch's synonym_graph filter."""
    return [", ".join(group) for group in SYNONYM_GROUPS]
