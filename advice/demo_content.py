"""The demo advice articles: plain English (short sentences, reading age about 9 to 11), UK context.

Each entry: slug, title, summary, topic codes, content owner, review offset in days (negative =
overdue), body blocks. Phone numbers are the council's (from site settings) or real national lines.
"""

from advice.demo_blocks import (
    contact,
    coordinator_finder,
    details,
    heading,
    inset,
    related,
    steps,
    text,
    warning,
)

ADULT_SOCIAL_CARE = "Adult social care information team"

ADVICE_PAGES = [
    {
        "slug": "staying-independent-at-home",
        "title": "Staying independent at home",
        "summary": "Simple ways to keep doing the things you enjoy at home, and where to get help if daily tasks get harder.",
        "topics": ["home-help", "mobility-equipment", "social-activities"],
        "owner": ADULT_SOCIAL_CARE,
        "review_in_days": 200,
        "body": [
            text(
                "Most people want to stay in their own home for as long as they can. "
                "A little help early on can make a big difference.",
                "You do not have to wait until things are hard. You can ask for advice at any time.",
            ),
            heading("Small changes that help"),
            text(
                "Think about the jobs that are getting harder. Often there is a simple fix.",
                bullets=[
                    "Keep things you use every day at waist height, so you do not need to bend or stretch.",
                    "Use a kettle tipper or a perching stool in the kitchen.",
                    "Put a second stair rail in, so you can hold on with both hands.",
                    "Get a key safe, so carers or family can let themselves in.",
                    "Ask a pharmacist about easy-open pill bottles or a pill organiser.",
                ],
            ),
            heading("Help with everyday jobs"),
            text(
                "Local groups can help with shopping, cleaning, gardening and small repairs. "
                "Some are free. Others charge a small fee.",
                "If you are finding it hard to wash, dress or make meals, ask the council for a "
                "needs assessment. It is free. Anyone can ask for one.",
            ),
            related("Help at home near you", ["home-help"]),
            heading("Staying connected"),
            text(
                "Seeing other people is good for your health. Lunch clubs, walking groups and "
                "hobby groups are a good way to meet people near you."
            ),
            coordinator_finder(),
            heading("Ask for a needs assessment"),
            steps(
                "How a needs assessment works",
                [
                    (
                        "Contact us",
                        "Fill in the online form or call First Contact. You can ask for yourself or for someone else, with their agreement.",
                    ),
                    (
                        "Talk about what matters to you",
                        "Someone from the council talks with you about your daily life, what you can do and what is hard.",
                    ),
                    (
                        "Agree what would help",
                        "We look at support from family, friends and local groups first. If you need more help, we agree a care and support plan.",
                    ),
                ],
            ),
            contact(
                "First Contact", "first_contact", "Adult social care advice and needs assessments."
            ),
        ],
    },
    {
        "slug": "aids-and-adaptations",
        "title": "Equipment and changes to your home",
        "summary": "Equipment and changes to your home, like grab rails, ramps and walk-in showers, can help you stay safe and independent.",
        "topics": ["mobility-equipment", "disability-support"],
        "owner": "Occupational therapy service",
        "review_in_days": -21,
        "body": [
            text(
                "Equipment (sometimes called aids) and changes to your home (called adaptations) "
                "can make everyday life easier and safer."
            ),
            heading("Things that can help"),
            text(
                bullets=[
                    "grab rails by the toilet, bath or front door",
                    "a raised toilet seat or a bath lift",
                    "a walking frame, trolley or perching stool",
                    "a ramp or an extra stair rail",
                    "a walk-in shower or a stairlift",
                ],
            ),
            inset(
                "Small equipment and small changes that cost under £1,000 are free if the council "
                "assesses that you need them. This is part of the Care Act 2014."
            ),
            heading("Getting an assessment"),
            text(
                "An occupational therapist (OT) can visit you at home. They look at what you find "
                "hard and suggest equipment or changes. Ask First Contact for an OT assessment."
            ),
            heading("Bigger changes"),
            text(
                "For bigger changes, like a stairlift, a downstairs bathroom or a wider door, you "
                "may be able to get a Disabled Facilities Grant. The grant is means-tested. This "
                "means the council looks at your income and savings. You can get it if you own "
                "your home or rent it."
            ),
            details(
                "Buying equipment yourself",
                "You can buy equipment from shops and online. Ask an OT or a local disability "
                "advice group first, so you get the right thing. If you have a disability, you "
                "may not have to pay VAT on equipment.",
            ),
            related("Equipment and adaptations services", ["mobility-equipment"]),
            contact(
                "First Contact", "first_contact", "Ask for an occupational therapy assessment."
            ),
        ],
    },
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
        "slug": "dementia",
        "title": "Living with dementia",
        "summary": "What to do if you are worried about your memory, getting a diagnosis, and support for people with dementia and their families.",
        "topics": ["memory-dementia"],
        "owner": "Dementia strategy lead",
        "review_in_days": 300,
        "body": [
            text(
                "Dementia is a group of symptoms. It affects memory, thinking and how people "
                "manage everyday life. It gets worse over time, but many people live well with "
                "dementia for years."
            ),
            heading("If you are worried about your memory"),
            text(
                "Everyone forgets things sometimes. But if memory problems are getting worse, "
                "talk to your GP. Take someone with you if you can.",
                "Memory problems can have other causes, like an infection, low vitamin levels "
                "or depression. These can often be treated.",
            ),
            heading("After a diagnosis"),
            text(
                "You may feel shocked, upset or even relieved. Give yourself time.",
                bullets=[
                    "Ask your GP or memory clinic about medicines and follow-up support.",
                    "Tell the DVLA and your car insurer if you drive.",
                    "Think about making a Lasting Power of Attorney while you can.",
                    "Ask for a needs assessment from the council.",
                ],
            ),
            heading("Memory cafés and local support"),
            text(
                "Memory cafés are friendly groups for people with dementia and their families. "
                "You can chat, take part in activities and get advice."
            ),
            related("Memory cafés and dementia support near you", ["memory-dementia"], limit=4),
            details(
                "Support for family and friends",
                "If you look after someone with dementia, you are a carer. You can ask for a "
                "carer's assessment. Dementia UK runs a free Admiral Nurse helpline on "
                "0800 888 6678.",
            ),
            contact(
                "First Contact",
                "first_contact",
                "Ask for a needs assessment or a carer's assessment.",
            ),
        ],
    },
    {
        "slug": "feeling-lonely",
        "title": "Feeling lonely",
        "summary": "Loneliness can happen to anyone. Here are some ways to meet people and feel more connected.",
        "topics": ["social-activities", "befriending", "mental-health"],
        "owner": "Local area coordination team",
        "review_in_days": 250,
        "body": [
            text(
                "Many people feel lonely. It can happen after losing someone, moving house, "
                "retiring or becoming ill. It is nothing to be ashamed of.",
                "Feeling lonely for a long time can affect your health. There are lots of ways to "
                "feel more connected.",
            ),
            heading("Ideas to try"),
            text(
                bullets=[
                    "Go to a lunch club or a coffee morning.",
                    "Join a walking group, choir or craft group.",
                    "Ask for a befriender, who visits or phones you each week.",
                    "Volunteer. It is a good way to meet people and use your skills.",
                    "Try a free class at your library.",
                ],
            ),
            related(
                "Groups and activities near you",
                ["social-activities"],
                kind="community_asset",
                limit=4,
            ),
            heading("Someone to talk to"),
            text(
                "A local area coordinator can get to know you and help you find people and "
                "groups near you. You do not need a referral."
            ),
            coordinator_finder(),
            details(
                "If you feel low all the time",
                "Talk to your GP. You can also call Samaritans free on 116 123, day or night.",
            ),
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
        "slug": "mental-health",
        "title": "Mental health and wellbeing",
        "summary": "Where to get support if you feel low, anxious or stressed, and what to do in a crisis.",
        "topics": ["mental-health"],
        "owner": "Mental health social work team",
        "review_in_days": 180,
        "body": [
            warning(
                "If you are in danger now, call 999. If you need urgent help with your mental "
                "health, call NHS 111 and choose the mental health option."
            ),
            text(
                "Everyone has ups and downs. If you feel low, worried or stressed most of the "
                "time, support can help. You do not have to wait until things are very bad."
            ),
            heading("Looking after yourself"),
            text(
                bullets=[
                    "Keep in touch with people you trust.",
                    "Try to be active every day, even a short walk.",
                    "Keep a routine for sleep and meals.",
                    "Cut down on alcohol.",
                ],
            ),
            heading("Talking therapies"),
            text(
                "NHS Talking Therapies help with anxiety and depression. You can refer yourself. "
                "You do not need to see your GP first."
            ),
            heading("Local support"),
            text("Local groups offer peer support, activities and someone to talk to."),
            related("Mental health support near you", ["mental-health"], limit=4),
            details(
                "Someone to talk to, any time",
                "Samaritans: call free on 116 123, day or night. Shout: text SHOUT to 85258.",
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
        "slug": "coming-home-from-hospital",
        "title": "Coming home from hospital",
        "summary": "What to expect when you leave hospital, short-term support to get back on your feet, and help for the people who care for you.",
        "topics": ["hospital-discharge", "home-help"],
        "owner": "Hospital social work team",
        "review_in_days": 150,
        "body": [
            text(
                "Leaving hospital can feel worrying, especially if you live alone. Plan early, "
                "and ask questions."
            ),
            steps(
                "Before you leave",
                [
                    (
                        "Talk to the ward team",
                        "Ask when you are likely to go home and what help you might need.",
                    ),
                    (
                        "Tell them about your home",
                        "Say if you have stairs, live alone or look after someone.",
                    ),
                    (
                        "Check your medicines",
                        "Make sure you know what to take and when. Ask for an easy-to-read list.",
                    ),
                    (
                        "Arrange getting home",
                        "Ask about transport, and make sure you have keys, food and heating.",
                    ),
                ],
            ),
            heading("Short-term support at home"),
            text(
                "You may get reablement. This is support for up to 6 weeks to help you do "
                "things for yourself again, like washing and making meals. It is free.",
                "Equipment, like a walking frame or a raised toilet seat, can be delivered to "
                "your home.",
            ),
            heading("If you are a carer"),
            text(
                "Tell the ward team if you care for the person coming home. You can ask for a "
                "carer's assessment before they leave."
            ),
            related("Help to settle back at home", ["hospital-discharge", "home-help"]),
            contact(
                "First Contact",
                "first_contact",
                "If you are struggling after you get home, contact us.",
            ),
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
    {
        "slug": "preventing-falls",
        "title": "Preventing falls",
        "summary": "Simple steps to lower your risk of falling at home, and what to do if you fall.",
        "topics": ["physical-activity", "mobility-equipment"],
        "owner": "Falls prevention service",
        "review_in_days": 210,
        "body": [
            text(
                "Falls are common as we get older, but they are not a normal part of ageing. "
                "Many falls can be prevented."
            ),
            heading("Make your home safer"),
            text(
                bullets=[
                    "Keep floors and stairs clear.",
                    "Use bright bulbs and a night light.",
                    "Fix loose rugs and carpets.",
                    "Wear slippers and shoes that fit well.",
                    "Ask the fire service for a free Safe and Well visit.",
                ],
            ),
            heading("Stay strong and steady"),
            text(
                "Gentle exercise that builds strength and balance is one of the best ways to "
                "prevent falls. Try a strength and balance class or chair exercises."
            ),
            related("Keeping active near you", ["physical-activity"]),
            heading("If you fall"),
            steps(
                "What to do if you fall",
                [
                    ("Stay calm", "Check if you are hurt before you try to move."),
                    (
                        "Get help",
                        "If you can not get up, call for help or press your alarm. Keep warm while you wait.",
                    ),
                    (
                        "Tell your GP",
                        "Even if you are not hurt, tell your GP. They can look at why you fell.",
                    ),
                ],
            ),
            details(
                "Personal alarms",
                "A personal alarm lets you call for help by pressing a button you wear. Ask "
                "First Contact about alarms and telecare.",
            ),
            contact("First Contact", "first_contact"),
        ],
    },
    {
        "slug": "getting-out-and-about",
        "title": "Getting out and about",
        "summary": "Community transport, travel passes and parking help for older and disabled people.",
        "topics": ["transport", "disability-support"],
        "owner": ADULT_SOCIAL_CARE,
        "review_in_days": 160,
        "body": [
            text(
                "Getting out helps you stay well and keep in touch with people. There is help "
                "if travelling is hard."
            ),
            heading("Community transport"),
            text(
                "Community transport schemes offer door-to-door trips for people who find it "
                "hard to use buses. You usually need to book and pay a small fare."
            ),
            related("Transport services near you", ["transport"]),
            heading("Free bus travel"),
            text(
                "You can get a free bus pass when you reach State Pension age. Disabled people "
                "can get one at any age. Apply through the local travel authority."
            ),
            heading("Blue Badge"),
            text(
                "A Blue Badge lets you park closer to where you need to go. Apply on GOV.UK. "
                "Some people qualify automatically, for example if they get the higher rate of "
                "the mobility part of Disability Living Allowance."
            ),
            coordinator_finder(),
        ],
    },
]
