"""Names the reports show for codes and keys: categories, areas and months."""

import datetime

from directory.models import Area, TaxonomyTerm
from directory.vocabulary import CATEGORIES


def category_names() -> dict[str, str]:
    names = {code: name for code, name, _description, _parent in CATEGORIES}
    names.update(TaxonomyTerm.objects.values_list("code", "name"))
    return names


def area_names(ids=None) -> dict:
    areas = Area.objects.all() if ids is None else Area.objects.filter(pk__in=ids)
    return dict(areas.values_list("pk", "name"))


def month_label(day: datetime.date) -> str:
    return day.strftime("%B %Y")
