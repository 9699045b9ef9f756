"""Advice articles: paying for care, benefits, reporting abuse, carers' rights and power of
attorney."""

from demo.articles.owners import ADULT_SOCIAL_CARE
from demo.blocks import contact, details, heading, inset, related, steps, text, warning

MONEY_AND_RIGHTS = [
    {
        "slug": "paying-for-care",
        "title": "Paying for care and support",
        "summary": "How the council works out what you pay for care, what counts as savings, and where to get free advice.",
        "topics": ["money-benefits", "information-advice"],
        "owner": "Financial assessment team",
        "review_in_days": 120,
        "body": [
            text(
                "Care and support from the council is not always free. What you pay depends on "
                "your income and savings. The council works this out with a financial assessment."
            ),
            heading("Things that are always free"),
            text(
                bullets=[
                    "advice and information",
                    "a needs assessment and a carer's assessment",
                    "small equipment, and changes to your home that cost under £1,000",
                    "up to 6 weeks of reablement support after an illness or a stay in hospital",
                ],
            ),
            heading("Savings limits in England"),
            text(
                "If you have more than £23,250 in savings and other capital, you usually pay the "
                "full cost of your care.",
                "If you have between £14,250 and £23,250, you pay something towards it.",
                "If you have less than £14,250, your savings are not counted. You may still pay "
                "something from your income.",
            ),
            details(
                "Does my home count?",
                "Your home is not counted if you get care at home. If you move into a care home, "
                "it may be counted. It is not counted if your partner, or some other relatives, "
                "still live there. You may be able to delay paying with a deferred payment "
                "agreement, so you do not have to sell your home in your lifetime.",
            ),
            steps(
                "How a financial assessment works",
                [
                    (
                        "We agree your care needs",
                        "First we agree what support you need. This is your needs assessment.",
                    ),
                    (
                        "You tell us about your money",
                        "We ask about your income, savings and some of your costs. We may ask to see bank statements.",
                    ),
                    (
                        "We tell you what you will pay",
                        "We write to you to explain what you pay each week and how we worked it out.",
                    ),
                ],
            ),
            warning(
                "Get independent financial advice before you sign a contract with a care home "
                "or give away money or property."
            ),
            heading("Free advice about money"),
            text(
                "Local advice services can check you are getting all the benefits you are entitled to."
            ),
            related("Money advice near you", ["money-benefits"]),
            contact("First Contact", "first_contact"),
        ],
    },
    {
        "slug": "benefits-and-money",
        "title": "Benefits and money",
        "summary": "Benefits you may be able to get if you are older, disabled or have a long-term illness, and where to get free help to claim.",
        "topics": ["money-benefits"],
        "owner": "Welfare rights service",
        "review_in_days": -45,
        "body": [
            text(
                "Many people do not claim all the money they are entitled to. A benefits check "
                "is free and only takes a short time."
            ),
            heading("Attendance Allowance"),
            text(
                "Attendance Allowance is for people over State Pension age who need help or "
                "supervision because of an illness or disability.",
                "It is not means-tested. Your income and savings do not matter. You do not need "
                "to have a carer to claim it. You can spend it on anything.",
            ),
            heading("Personal Independence Payment"),
            text(
                "Personal Independence Payment (PIP) is for people under State Pension age who "
                "find daily tasks or getting around hard because of a condition or disability."
            ),
            heading("Pension Credit"),
            text(
                "Pension Credit tops up your weekly income if you are over State Pension age and "
                "on a low income. It can also help you get other things, like help with rent, "
                "Council Tax and heating costs.",
            ),
            heading("Blue Badge"),
            text(
                "A Blue Badge helps you park closer to where you need to go. You can apply on "
                "GOV.UK or ask the council for help to apply."
            ),
            inset(
                "If you get Attendance Allowance or PIP, someone who cares for you for 35 hours "
                "a week or more may be able to get Carer's Allowance."
            ),
            steps(
                "Getting help to claim",
                [
                    (
                        "Get a benefits check",
                        "A local advice service can look at your situation and tell you what you can claim.",
                    ),
                    (
                        "Get help with the form",
                        "Advice services can help you fill in forms. Say what a bad day is like, not just a good day.",
                    ),
                    (
                        "Ask again if you are turned down",
                        "If your claim is refused, you can ask for the decision to be looked at again. Get advice first.",
                    ),
                ],
            ),
            related("Money and benefits advice near you", ["money-benefits"], limit=4),
            details(
                "Help over the phone",
                "Age UK Advice can help people over 60 and their families. Call free on 0800 678 1602.",
            ),
        ],
    },
    {
        "slug": "report-abuse",
        "title": "Reporting abuse or neglect of an adult",
        "summary": "How to tell us if you think an adult is being abused, neglected or taken advantage of, and what happens next.",
        "topics": ["safeguarding"],
        "owner": "Adult safeguarding team",
        "review_in_days": 90,
        "body": [
            warning("If someone is in immediate danger, call 999."),
            text(
                "Abuse is when someone hurts or harms another person, or takes advantage of "
                "them. It can happen anywhere: at home, in a care home or in hospital. It can be "
                "done by anyone, including family, friends or paid carers."
            ),
            heading("Types of abuse"),
            text(
                bullets=[
                    "physical: hitting, pushing, or giving the wrong medicine",
                    "emotional: shouting, threats or cutting someone off from others",
                    "financial: stealing money, or pressure to hand over money or property",
                    "sexual: any sexual act someone has not agreed to",
                    "neglect: not giving care, food, heating or medicine someone needs",
                    "self-neglect: when someone cannot or will not look after themselves",
                    "scams: fraud by phone, post, online or on the doorstep",
                ],
            ),
            heading("How to report it"),
            contact(
                "Adult safeguarding",
                "safeguarding",
                "Call us if you are worried about an adult. You do not need proof. You can tell us who you are, or stay anonymous.",
            ),
            inset("If you are worried about a child, contact children's services."),
            steps(
                "What happens after you report",
                [
                    ("We listen", "We ask what has happened and if the person is safe now."),
                    (
                        "We talk to the person",
                        "We ask them what they want to happen. Their wishes matter.",
                    ),
                    (
                        "We act to keep them safe",
                        "We work with the police, NHS and others if we need to. We make a plan with the person.",
                    ),
                ],
            ),
            related("Support to stay safe", ["safeguarding"]),
        ],
    },
    {
        "slug": "carers-rights",
        "title": "Your rights as a carer",
        "summary": "The law gives unpaid carers rights, including a carer's assessment, support at work and time off in emergencies.",
        "topics": ["carers-support"],
        "owner": "Carers' centre",
        "review_in_days": 240,
        "body": [
            text(
                "If you look after a family member, partner or friend who could not manage "
                "without you, you are a carer. You have rights."
            ),
            heading("Your right to a carer's assessment"),
            text(
                "Under the Care Act 2014, any adult carer can ask the council for a carer's "
                "assessment. It looks at how caring affects you and what would help. It is free. "
                "It does not matter how much care you give, or what your income is."
            ),
            heading("Your rights at work"),
            text(
                bullets=[
                    "You can ask for flexible working from your first day in a job.",
                    "You can take up to one week of unpaid carer's leave each year.",
                    "You can take reasonable time off in an emergency for someone who depends on you.",
                    "You must not be treated unfairly because you care for a disabled person.",
                ],
            ),
            heading("Money"),
            text(
                "If you care for someone for 35 hours a week or more, you may be able to get "
                "Carer's Allowance. A benefits check will tell you what you can claim."
            ),
            related("Support for carers near you", ["carers-support"], kind="carers_support"),
            contact(
                "Carers' centre",
                "carers_centre",
                "Advice, a carer's assessment and support for unpaid carers.",
            ),
        ],
    },
    {
        "slug": "power-of-attorney",
        "title": "Power of attorney",
        "summary": "How to choose people you trust to make decisions for you if you cannot make them yourself in the future.",
        "topics": ["information-advice", "advocacy"],
        "owner": ADULT_SOCIAL_CARE,
        "review_in_days": 330,
        "body": [
            text(
                "A Lasting Power of Attorney (LPA) is a legal document. It lets you choose "
                "people you trust to make decisions for you, if one day you cannot make them "
                "yourself. The people you choose are called attorneys."
            ),
            heading("The two types"),
            text(
                bullets=[
                    "Property and financial affairs: paying bills, managing bank accounts, selling a home.",
                    "Health and welfare: decisions about care, medical treatment and where you live.",
                ],
            ),
            inset(
                "You must make an LPA while you can still make your own decisions. Do not wait "
                "until it is too late."
            ),
            steps(
                "Making an LPA",
                [
                    (
                        "Choose your attorneys",
                        "Pick people you trust. You can choose more than one.",
                    ),
                    (
                        "Fill in the forms",
                        "You can do this online on GOV.UK, or on paper. You do not need a solicitor.",
                    ),
                    (
                        "Register it",
                        "Send it to the Office of the Public Guardian. There is a fee, but you may pay less or nothing if you are on a low income.",
                    ),
                ],
            ),
            details(
                "If someone cannot make decisions and has no LPA",
                "Family may need to apply to the Court of Protection to become a deputy. This "
                "takes longer and costs more. Get advice from a local advice service.",
            ),
            related("Advice and advocacy near you", ["information-advice", "advocacy"]),
        ],
    },
]
