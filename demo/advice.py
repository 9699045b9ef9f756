"""Demo advice: the /advice/ index and realistic, plain-English articles (idempotent)."""

import datetime

from django.utils import timezone

from advice.models import AdviceIndexPage, AdvicePage
from demo.articles import ADVICE_PAGES
from directory.models import Taxonomy, TaxonomyTerm
from directory.vocabulary import CATEGORIES, TAXONOMY_NAME, TAXONOMY_URI
from portal.models import HomePage


def ensure_categories() -> dict:
    """The directory's category terms by code (created from the fixed vocabulary if missing)."""
    terms = {term.code: term for term in TaxonomyTerm.objects.all()}
    missing = [row for row in CATEGORIES if row[0] not in terms]
    if missing:
        taxonomy, _ = Taxonomy.objects.get_or_create(
            name=TAXONOMY_NAME, defaults={"uri": TAXONOMY_URI}
        )
        for code, name, description, _parent in missing:
            terms[code] = TaxonomyTerm.objects.create(
                taxonomy=taxonomy, code=code, name=name, description=description
            )
    return terms


def publish(page) -> None:
    page.save_revision().publish()


def advice_index(home: HomePage) -> AdviceIndexPage:
    index = AdviceIndexPage.objects.child_of(home).first()
    if index is None:
        index = AdviceIndexPage(title="Advice", slug="advice")
        home.add_child(instance=index)
        publish(index)
    return index


def load(stdout, listings: int, seed: int) -> None:
    home = HomePage.objects.first()
    if home is None:
        stdout.write("  no home page: skipped advice")
        return
    index = advice_index(home)
    terms = ensure_categories()
    today = timezone.localdate()
    created = 0
    for article in ADVICE_PAGES:
        if AdvicePage.objects.child_of(index).filter(slug=article["slug"]).exists():
            continue
        page = AdvicePage(
            title=article["title"],
            slug=article["slug"],
            summary=article["summary"],
            body=article["body"],
            content_owner=article["owner"],
            next_review=today + datetime.timedelta(days=article["review_in_days"]),
        )
        index.add_child(instance=page)
        page.topics.set([terms[code] for code in article["topics"]])
        publish(page)
        created += 1
    stdout.write(f"  {len(ADVICE_PAGES)} advice pages ({created} new)")
