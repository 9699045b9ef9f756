"""The demo advice articles: plain English (short sentences, reading age about 9 to 11), UK context.

Each entry: slug, title, summary, topic codes, content owner, review offset in days (negative =
overdue), body blocks. Phone numbers are the council's (from site settings) or real national lines.
ADVICE_PAGES keeps the order the articles have always been created in, so page ids and the page
tree come out as before.
"""

from demo.articles.independence import INDEPENDENCE
from demo.articles.money_and_rights import MONEY_AND_RIGHTS
from demo.articles.wellbeing import WELLBEING

CREATION_ORDER = [
    "staying-independent-at-home",
    "aids-and-adaptations",
    "paying-for-care",
    "dementia",
    "feeling-lonely",
    "benefits-and-money",
    "mental-health",
    "report-abuse",
    "coming-home-from-hospital",
    "carers-rights",
    "power-of-attorney",
    "preventing-falls",
    "getting-out-and-about",
]

ADVICE_PAGES = sorted(
    [*INDEPENDENCE, *WELLBEING, *MONEY_AND_RIGHTS],
    key=lambda article: CREATION_ORDER.index(article["slug"]),
)
