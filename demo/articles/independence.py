"""Advice articles: staying independent at home, equipment, coming home from hospital, falls
and getting out and about."""

from demo.articles.owners import ADULT_SOCIAL_CARE
from demo.blocks import contact, coordinator_finder, details, heading, inset, related, steps, text

INDEPENDENCE = [
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
