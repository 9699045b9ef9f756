"""Demo carers' hub at /carers/, with every section the hub needs (idempotent)."""

from carers.models import CarersHubPage
from demo.blocks import contact, details, heading, inset, related, steps, text, warning
from portal.models import HomePage

HUB_BODY = [
    heading("What counts as a carer"),
    text(
        "A carer is anyone who looks after a family member, partner or friend who could not "
        "manage without their help. This might be because of illness, disability, a mental "
        "health problem, dementia or an addiction.",
        "Carers are not paid for caring. Many people do not think of themselves as carers. "
        'They say, "I\'m just her husband" or "I\'m his daughter".',
        "Caring can mean:",
        bullets=[
            "helping someone wash, dress or take medicines",
            "shopping, cooking and cleaning for them",
            "keeping them company and checking they are safe",
            "sorting out bills, appointments and paperwork",
        ],
    ),
    heading("A carer's assessment"),
    text(
        "A carer's assessment is a conversation with someone from the carers' centre or the "
        "council. It is about you, not the person you care for. It is free.",
        "It looks at how caring affects your health, work, money and time for yourself. "
        "Then we agree what would help. This might be a break, advice, equipment, a carers' "
        "group or a direct payment.",
    ),
    steps(
        "How to ask for a carer's assessment",
        [
            (
                "Ask online or by phone",
                "Use the online form and choose that you are a carer, or call the carers' centre.",
            ),
            (
                "We arrange a time to talk",
                "We can talk at home, at the carers' centre or on the phone. You can have someone with you.",
            ),
            (
                "We agree a support plan",
                "We write down what matters to you and what support you will get. We review it with you.",
            ),
        ],
    ),
    heading("The carers' centre"),
    text(
        "The carers' centre gives free advice and support to adult carers. You can register "
        "as a carer, get a carer's assessment, join a group or just talk to someone who "
        "understands."
    ),
    contact("Carers' centre", "carers_centre", "Free advice and support for unpaid carers."),
    heading("Planning for an emergency"),
    text(
        "It is worth thinking now about what would happen if you were suddenly ill or could "
        "not get to the person you care for.",
        bullets=[
            "Write down the person's needs, medicines and routines.",
            "Agree who can step in: family, friends or neighbours.",
            "Keep the plan somewhere easy to find, and give copies to the people in it.",
            "Carry a card that says you are a carer and who to call.",
        ],
    ),
    inset(
        "The carers' centre can help you make an emergency plan. Ask about it at your carer's "
        "assessment."
    ),
    heading("Young carers"),
    text(
        "A young carer is someone under 18 who helps look after a family member. Young carers "
        "have the right to an assessment of their own needs. Young adult carers aged 16 to 25 "
        "can get support as they move into college, work or adult life.",
        "If you are a young carer, talk to a teacher you trust, or ask the carers' centre about "
        "young carers' groups.",
    ),
    heading("Breaks and respite"),
    text(
        "Everyone needs time off. A break can be a few hours, a day or a longer stay.",
        bullets=[
            "a sitting service, so you can go out for a few hours",
            "day centres or activities for the person you care for",
            "a short stay in a care home (respite care)",
            "carers' groups, walks and pamper days just for you",
        ],
    ),
    related("Breaks for carers near you", ["carers-breaks"], limit=4),
    heading("Money"),
    text(
        "If you care for someone for at least 35 hours a week, you may be able to get "
        "Carer's Allowance. The person you care for must get certain disability benefits, "
        "like Attendance Allowance or Personal Independence Payment. There is a limit on how "
        "much you can earn.",
        "Carer's Allowance can affect other benefits, for you and for the person you care "
        "for. Get a free benefits check before you claim.",
    ),
    details(
        "Carer's Credit",
        "If you care for someone for 20 hours a week or more but cannot get Carer's "
        "Allowance, you may be able to get Carer's Credit. It helps protect your State Pension.",
    ),
    related("Money advice near you", ["money-benefits"]),
    warning(
        "If you are worried that the person you care for, or you, are at risk of harm, call "
        "the safeguarding number or 999 in an emergency."
    ),
]


def load(stdout, listings: int, seed: int) -> None:
    home = HomePage.objects.first()
    if home is None:
        stdout.write("  no home page: skipped carers' hub")
        return
    if CarersHubPage.objects.exists():
        stdout.write("  carers' hub already exists")
        return
    hub = CarersHubPage(
        title="Support for carers",
        slug="carers",
        body=HUB_BODY,
        content_owner="Carers' centre",
    )
    home.add_child(instance=hub)
    hub.save_revision().publish()
    stdout.write("  carers' hub")
