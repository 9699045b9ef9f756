"""The relevance test set: what people type, and the listings that must be in the top 5.

Shared by the database and Elasticsearch relevance tests. Listings are in
tests/factories/search.py (LISTINGS).
"""

RELEVANCE_QUERIES: list[tuple[str, list[str]]] = [
    ("lonely", ["Good Neighbours Befriending Scheme", "Telephone Friendship Line"]),
    (
        "memory problems",
        ["Hillsborough Memory Café", "Alzheimer's Society Sheffield Dementia Support"],
    ),
    ("help looking after mum", ["Sheffield Carers Centre"]),
    ("dementia cafe near S6", ["Hillsborough Memory Café"]),
    ("wheelchair swimming", ["Inclusive Swimming at Ponds Forge"]),
    ("benifits advice", ["Age UK Sheffield Benefits Check", "Citizens Advice Sheffield"]),
    ("alzheimer's", ["Alzheimer's Society Sheffield Dementia Support"]),
    ("befriending", ["Good Neighbours Befriending Scheme"]),
    ("feeling isolated", ["Good Neighbours Befriending Scheme"]),
    ("carers break", ["Carers' Respite Sitting Service"]),
    ("respite", ["Carers' Respite Sitting Service"]),
    ("debt", ["Money Matters Debt Advice"]),
    ("help with pip forms", ["Welfare Rights Service"]),
    ("attendance allowance", ["Age UK Sheffield Benefits Check"]),
    ("low mood", ["Sheffield Mind", "Talking Therapies Sheffield"]),
    ("anxiety", ["Anxiety Peer Support Group", "Sheffield Mind"]),
    ("depression", ["Sheffield Mind"]),
    ("someone to talk to", ["Sheffield Mind", "Talking Therapies Sheffield"]),
    ("grab rails", ["Community Equipment Service", "Handy Help Home Repairs"]),
    ("stairlift", ["Disabled Facilities Grants"]),
    ("mobility scooter", ["Shopmobility Sheffield"]),
    ("gentle exercise", ["Chair-Based Exercise Class"]),
    ("walking group", ["Walking for Health Sheffield"]),
    ("swimming", ["Inclusive Swimming at Ponds Forge", "Aquafit for Over 50s"]),
    ("lunch club", ["Hillsborough Lunch Club", "Firth Park Community Meals"]),
    ("hot meals", ["Meals on Wheels"]),
    ("blind", ["Sheffield Royal Society for the Blind"]),
    ("hard of hearing", ["Hearing Aid Maintenance Drop-in"]),
    ("sign language", ["Deaf Advice Sheffield"]),
    ("stroke", ["Stroke Recovery Club"]),
    ("parkinsons", ["Parkinson's UK Sheffield Branch"]),
    ("grief", ["Cruse Bereavement Support"]),
    ("my husband died", ["Widows' Friendship Circle"]),
    ("homeless", ["Housing Advice Service"]),
    ("food bank", ["Hillsborough Food Bank"]),
    ("ipad help", ["Digital Buddies"]),
    ("computer classes", ["Silver Surfers Computer Club"]),
    ("scam", ["Scams Awareness Talks"]),
    ("worried about abuse", ["Adult Safeguarding Helpline"]),
    ("drinking too much", ["Alcohol Support Service"]),
    ("advocate", ["Independent Advocacy Sheffield"]),
    ("coming home from hospital", ["Hospital to Home Service"]),
    ("autism", ["Autism Adult Social Group"]),
    ("learning disability", ["Learning Disability Drama Group"]),
    (
        "local area coordinator",
        ["Local Area Coordinator: Hillsborough", "Local Area Coordinator: Firth Park"],
    ),
    ("carers allowance", ["Carers' Benefits Advice"]),
    ("knitting", ["Knit and Natter"]),
    ("falls", ["Falls Prevention Service", "Chair-Based Exercise Class"]),
    ("tea dance", ["Over 60s Tea Dance"]),
    ("singing", ["Forget-Me-Not Singing Group"]),
    ("dementia carer support", ["Dementia Carers Support Group"]),
    ("transport to hospital", ["Dial-a-Ride Hospital Transport"]),
    ("gardening", ["Garden Helpers Scheme"]),
    ("urdu", ["Urdu Speaking Women's Group"]),
    ("dementa", ["Alzheimer's Society Sheffield Dementia Support"]),
]


def precision_at_5(found: list[str], expected: list[str]) -> float:
    """Share of the expected listings found in the top 5 (R-capped precision@5)."""
    top = found[:5]
    return sum(1 for name in expected if name in top) / min(5, len(expected))
