"""Listing templates for the everyday needs of adult social care people search for most:
foot care, blue badges, hoarding and clutter, falls, continence, home adaptations, coming
home from hospital and bereavement.

Each is a single listing (`single`), written on its own, so no two read the same.
"""

from demo.catalogue.times import AFTERNOON, MORNING, OFFICE

EVERYDAY = [
    # Foot care, podiatry and toenail cutting
    {
        "key": "toenail-home",
        "kind": "service",
        "name": "Toenail cutting at home – {area}",
        "summary": "A trained foot care worker visits to cut and file toenails for people who can no longer reach their feet.",
        "description": "Bending down gets harder with age, arthritis or poor eyesight. Our foot care workers come to your home "
        "every six to eight weeks to cut and file your toenails and check your feet for anything a podiatrist should see. "
        "We do not treat corns, ulcers or ingrown nails: we will tell you how to get an NHS podiatry appointment instead.",
        "categories": ["home-help", "health-conditions"],
        "org": "feet",
        "access": "self_referral",
        "free": False,
        "fees": "£18 a visit; £12 if you get Pension Credit.",
        "cost": ("Home visit", "18.00"),
        "sessions": [([1, 2, 3, 4, 5], OFFICE)],
        "single": True,
    },
    {
        "key": "nail-clinic",
        "kind": "community_asset",
        "name": "Community nail-cutting clinic – {place}",
        "summary": "Walk-in toenail cutting in a church hall, run by volunteers trained by NHS podiatrists.",
        "description": "Bring a towel and wear socks you can slip off easily. Volunteers soak, cut and file your nails "
        "while you have a cup of tea. If your feet are painful, swollen or you have diabetes, ask your GP to refer you "
        "to the podiatry service first.",
        "categories": ["health-conditions", "social-activities"],
        "org": "feet",
        "access": "drop_in",
        "free": False,
        "fees": "£5 donation.",
        "cost": ("Suggested donation", "5.00"),
        "sessions": [([3], MORNING)],
        "single": True,
    },
    {
        "key": "podiatry",
        "kind": "service",
        "name": "NHS podiatry (foot health) service",
        "summary": "Assessment and treatment for foot problems caused by diabetes, circulation, arthritis or wounds.",
        "description": "Podiatrists (chiropodists) treat painful corns and calluses, ingrown toenails, foot ulcers and "
        "problems with how you walk. Ask your GP or practice nurse to refer you, or refer yourself if you have diabetes. "
        "Routine nail cutting is not provided: see the community nail-cutting clinics.",
        "categories": ["health-conditions"],
        "org": "nhs",
        "access": "professional_referral",
        "free": True,
        "sessions": [([1, 2, 3, 4, 5], OFFICE)],
        "single": True,
    },
    # Blue badge
    {
        "key": "blue-badge",
        "kind": "service",
        "name": "Blue Badge parking permits",
        "summary": "Apply for or renew a Blue Badge so you can park closer to where you need to go.",
        "description": "You may get a Blue Badge if you find walking very difficult, have a hidden disability such as "
        "dementia or anxiety, or are registered blind. Apply online or ask for a paper form. A badge costs £10 and lasts "
        "up to three years. Tell us if your badge is lost, stolen or damaged.",
        "categories": ["disability-support", "transport"],
        "org": "council",
        "access": "self_referral",
        "free": False,
        "fees": "£10 for a badge.",
        "cost": ("Blue Badge", "10.00"),
        "sessions": [([1, 2, 3, 4, 5], OFFICE)],
        "phone_only": True,
        "single": True,
    },
    {
        "key": "blue-badge-help",
        "kind": "service",
        "name": "Help filling in Blue Badge forms – {place}",
        "summary": "A volunteer sits with you to fill in the Blue Badge application and upload your photo and proof.",
        "description": "The form asks a lot about how far you can walk and what happens when you try. Our volunteers "
        "know what the assessors need to read, can scan your documents and take a passport-style photo on the day.",
        "categories": ["disability-support", "information-advice"],
        "org": "disability",
        "access": "booking",
        "free": True,
        "sessions": [([2], AFTERNOON)],
        "single": True,
    },
    # Hoarding and clutter
    {
        "key": "hoarding-group",
        "kind": "community_asset",
        "name": "Hoarding support group – {place}",
        "summary": "A confidential peer group for people who find it hard to let things go, and for their families.",
        "description": "Meet others who understand. Each fortnight we share what has helped, set one small goal and "
        "check in on last time's. Nobody will tell you to throw anything away. Family members have their own session "
        "on the first Monday of the month.",
        "categories": ["mental-health", "social-activities"],
        "org": "mental",
        "access": "drop_in",
        "free": True,
        "sessions": [([1], ("18:00", "19:30"))],
        "single": True,
    },
    {
        "key": "declutter",
        "kind": "service",
        "name": "Declutter and safe home visits – {area}",
        "summary": "Practical, non-judgemental help to clear clutter at your own pace, so your home is safe and warm again.",
        "description": "A support worker visits weekly to sort one area at a time with you, arranges skips and charity "
        "collections, and links in with the fire service for a free home safety check. For people whose hoarding "
        "worries their landlord or family as well as themselves.",
        "categories": ["home-help", "mental-health", "housing"],
        "org": "home",
        "access": "self_referral",
        "free": True,
        "sessions": [([1, 2, 3, 4, 5], OFFICE)],
        "single": True,
    },
    # Falls
    {
        "key": "falls-clinic",
        "kind": "service",
        "name": "Falls prevention service",
        "summary": "If you have had a fall or are afraid of falling, a physiotherapist checks your balance, medicines and home.",
        "description": "After an assessment you may be offered a 12-week strength and balance course, a home visit to "
        "spot trip hazards, or a pendant alarm. Your GP, a nurse or a family member can refer you, or you can call us "
        "yourself.",
        "categories": ["health-conditions", "physical-activity", "mobility-equipment"],
        "org": "nhs",
        "access": "self_referral",
        "free": True,
        "sessions": [([1, 2, 3, 4, 5], OFFICE)],
        "single": True,
    },
    {
        "key": "steady-steps",
        "kind": "community_asset",
        "name": "Steady Steps strength and balance class – {place}",
        "summary": "A gentle weekly class that builds leg strength and balance so you are less likely to fall.",
        "description": "Exercises are done standing behind a chair or sitting, at your own level. Instructors are "
        "trained in falls prevention. Wear flat shoes and bring water.",
        "categories": ["physical-activity"],
        "org": "active",
        "access": "booking",
        "free": False,
        "fees": "£3 a class.",
        "cost": ("Class", "3.00"),
        "sessions": [([4], MORNING)],
        "single": True,
    },
    # Continence
    {
        "key": "continence",
        "kind": "service",
        "name": "Bladder and bowel (continence) service",
        "summary": "Nurses who help with leaking, urgency and getting up at night, and who supply continence pads.",
        "description": "Incontinence is common and often gets better with the right treatment. A specialist nurse will "
        "talk through what is happening, suggest exercises and changes that help, and arrange pads or other products if "
        "you need them. Ask your GP or district nurse to refer you.",
        "categories": ["health-conditions"],
        "org": "nhs",
        "access": "professional_referral",
        "free": True,
        "sessions": [([1, 2, 3, 4, 5], OFFICE)],
        "single": True,
    },
    {
        "key": "continence-cafe",
        "kind": "community_asset",
        "name": "Pelvic health chat and exercise morning – {place}",
        "summary": "An informal morning for women to learn pelvic floor exercises and ask a physio about bladder worries.",
        "description": "Many women put up with bladder leaks for years. A women's health physiotherapist explains what "
        "helps, leads a short exercise session and answers questions privately afterwards. No need to book.",
        "categories": ["health-conditions", "physical-activity"],
        "org": "active",
        "access": "drop_in",
        "free": True,
        "sessions": [([5], MORNING)],
        "single": True,
    },
    # Home adaptations
    {
        "key": "dfg",
        "kind": "service",
        "name": "Disabled Facilities Grants",
        "summary": "Grants for home adaptations such as a stairlift, ramp, wet room or wider doors.",
        "description": "An occupational therapist visits to see what would make your home safer and easier to live in, "
        "then our team helps you get quotes and apply. The grant is means tested for adults; most people on "
        "Pension Credit pay nothing.",
        "categories": ["mobility-equipment", "disability-support", "housing"],
        "org": "council",
        "access": "self_referral",
        "free": True,
        "sessions": [([1, 2, 3, 4, 5], OFFICE)],
        "phone_only": True,
        "single": True,
    },
    {
        "key": "ot-assessment",
        "kind": "service",
        "name": "Occupational therapy home assessment",
        "summary": "Advice and small adaptations, like grab rails and bath seats, so you can keep doing things for yourself.",
        "description": "If washing, dressing, cooking or getting in and out of bed or a chair has become difficult, an "
        "occupational therapist can visit. Minor adaptations under £1,000 are fitted free of charge, usually within "
        "a few weeks.",
        "categories": ["mobility-equipment", "disability-support"],
        "org": "council",
        "access": "self_referral",
        "free": True,
        "sessions": [([1, 2, 3, 4, 5], OFFICE)],
        "phone_only": True,
        "single": True,
    },
    # Hospital discharge
    {
        "key": "discharge-support",
        "kind": "service",
        "name": "Settling in after hospital – {area}",
        "summary": "For the first six weeks after you leave hospital: a support worker checks you are managing and sets up help.",
        "description": "We can collect prescriptions, do a first shop, make sure the heating is on and arrange a few "
        "visits while you get your strength back. Ward staff can refer you before discharge, or you or a relative can "
        "call us once you are home.",
        "categories": ["hospital-discharge", "home-help"],
        "org": "home",
        "access": "self_referral",
        "free": True,
        "sessions": [([1, 2, 3, 4, 5, 6], OFFICE)],
        "single": True,
    },
    {
        "key": "reablement",
        "kind": "service",
        "name": "Reablement: short-term care at home",
        "summary": "Up to six weeks of free care at home after illness or a hospital stay, to help you regain confidence.",
        "description": "Reablement workers help you relearn everyday tasks such as washing, dressing and making meals, "
        "rather than doing them for you. At the end we agree with you whether any longer-term care is needed.",
        "categories": ["hospital-discharge", "home-help", "disability-support"],
        "org": "council",
        "access": "professional_referral",
        "free": True,
        "sessions": [([1, 2, 3, 4, 5, 6, 7], ("07:00", "22:00"))],
        "phone_only": True,
        "single": True,
    },
    # Bereavement
    {
        "key": "bereavement-walk",
        "kind": "community_asset",
        "name": "Walk and talk bereavement group – {park}",
        "summary": "A slow, friendly walk for people who have lost someone close, with a cuppa afterwards.",
        "description": "Walking side by side can make it easier to talk, or just to be with others who understand. "
        "Routes are flat and take about an hour. Come whether your loss was recent or years ago.",
        "categories": ["bereavement", "physical-activity", "social-activities"],
        "org": "bereavement",
        "access": "drop_in",
        "free": True,
        "sessions": [([6], MORNING)],
        "park": True,
        "single": True,
    },
    {
        "key": "after-a-death",
        "kind": "service",
        "name": "Practical help after a death",
        "summary": "Step-by-step help with registering a death, funeral costs, Tell Us Once and bereavement benefits.",
        "description": "When someone dies there is a lot to sort out at a hard time. An adviser explains what needs doing "
        "and when, helps you apply for a Funeral Expenses Payment or Bereavement Support Payment, and checks what "
        "changes for your own benefits and housing.",
        "categories": ["bereavement", "money-benefits", "information-advice"],
        "org": "advice",
        "access": "self_referral",
        "free": True,
        "sessions": [([1, 2, 3, 4, 5], OFFICE)],
        "languages": ["English", "Urdu", "Arabic"],
        "single": True,
    },
]
