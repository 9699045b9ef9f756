"""The seeded vocabulary of needs and categories for adult social care and carers.

Codes are stable: URLs (`/services/?category=<code>`), advice pages, synonyms and
analytics all refer to them. Loosely based on the LGA service types and the Care Act
wellbeing domains, in plain English.
"""

# The days of the week by ISO number (1 = Monday … 7 = Sunday), as `Schedule.weekdays` stores
# them, with their English names: what listings show, schema.org's `dayOfWeek` and the ORUK
# API's day filter use. ORUK's two-letter codes (MO … SU) are the names' first two letters.
WEEKDAYS: dict[int, str] = {
    1: "Monday",
    2: "Tuesday",
    3: "Wednesday",
    4: "Thursday",
    5: "Friday",
    6: "Saturday",
    7: "Sunday",
}

TAXONOMY_NAME = "Signpost needs"
TAXONOMY_URI = "https://signpost.example/taxonomy/needs"

# The needs the home page offers as quick starts ("Popular needs"), in the order shown.
POPULAR_NEED_CODES = (
    "social-activities",
    "memory-dementia",
    "carers-support",
    "money-benefits",
    "mental-health",
    "physical-activity",
    "home-help",
    "mobility-equipment",
)

# (code, name, description, parent code or None)
CATEGORIES: list[tuple[str, str, str, str | None]] = [
    (
        "social-activities",
        "Social activities and friendship",
        "Groups, clubs and befriending to meet people and feel less lonely.",
        None,
    ),
    (
        "befriending",
        "Befriending",
        "Regular visits or calls from a volunteer.",
        "social-activities",
    ),
    (
        "lunch-clubs",
        "Lunch clubs and community meals",
        "Eat with others at a local club or café.",
        "social-activities",
    ),
    (
        "memory-dementia",
        "Memory problems and dementia",
        "Memory cafés, dementia support and advice for families.",
        None,
    ),
    (
        "carers-support",
        "Support for carers",
        "Help for people who look after a family member or friend.",
        None,
    ),
    (
        "carers-breaks",
        "Breaks for carers",
        "Respite and sitting services so carers can have time off.",
        "carers-support",
    ),
    (
        "money-benefits",
        "Money and benefits advice",
        "Benefits checks, debt advice and help with forms.",
        None,
    ),
    (
        "mental-health",
        "Mental health and wellbeing",
        "Support for low mood, anxiety, stress and crisis.",
        None,
    ),
    (
        "physical-activity",
        "Keeping active",
        "Walking groups, exercise classes, swimming and chair-based exercise.",
        None,
    ),
    (
        "mobility-equipment",
        "Equipment and adaptations",
        "Aids, adaptations and equipment to stay safe at home.",
        None,
    ),
    ("home-help", "Help at home", "Cleaning, shopping, gardening and practical help.", None),
    ("transport", "Transport", "Community transport and help getting out and about.", None),
    (
        "disability-support",
        "Disability support",
        "Support for people with physical or sensory disabilities.",
        None,
    ),
    (
        "learning-disability",
        "Learning disability and autism",
        "Groups and services for people with a learning disability or autism.",
        None,
    ),
    (
        "sight-hearing",
        "Sight and hearing loss",
        "Support for people with sight or hearing loss.",
        "disability-support",
    ),
    (
        "health-conditions",
        "Long-term health conditions",
        "Support with stroke, Parkinson's, diabetes and other conditions.",
        None,
    ),
    ("bereavement", "Bereavement", "Support after someone has died.", None),
    (
        "housing",
        "Housing and homelessness",
        "Housing advice and help if you are at risk of losing your home.",
        None,
    ),
    ("food", "Food and essentials", "Food banks, pantries and help with essentials.", None),
    ("digital-skills", "Digital skills", "Help using phones, tablets and the internet.", None),
    (
        "volunteering",
        "Volunteering and learning",
        "Ways to volunteer, learn and use your skills.",
        None,
    ),
    (
        "safeguarding",
        "Staying safe",
        "Help if you are worried about abuse, neglect or scams.",
        None,
    ),
    ("substance-misuse", "Alcohol and drugs", "Support to cut down or stop.", None),
    ("information-advice", "Information and advice", "General advice and advocacy.", None),
    ("advocacy", "Advocacy", "Someone to help you have your say.", "information-advice"),
    (
        "hospital-discharge",
        "Coming home from hospital",
        "Support to settle back at home after a hospital stay.",
        None,
    ),
    (
        "faith-culture",
        "Faith and cultural groups",
        "Groups for communities, faiths and languages.",
        "social-activities",
    ),
    (
        "local-area-coordination",
        "Local area coordination",
        "A local area coordinator can help you find your way.",
        None,
    ),
]
