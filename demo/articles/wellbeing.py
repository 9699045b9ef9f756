"""Advice articles: dementia, loneliness and mental health."""

from demo.blocks import contact, coordinator_finder, details, heading, related, text, warning

WELLBEING = [
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
]
