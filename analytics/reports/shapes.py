"""What every report works over and returns: the period and area (`ReportFilter`), and
the tables, columns and charts screens and CSV exports format.

Tables hold raw numbers (tests assert on them); screens and exports format them through
`portal.suppression`, so small numbers are hidden in one place."""

import datetime
import zoneinfo
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.models import Area

DEFAULT_DAYS = 90
SCREEN_ROWS = 100
ONE_DAY = datetime.timedelta(days=1)

# --- Filter and table shapes ----------------------------------------------------------------


@dataclass(frozen=True)
class ReportFilter:
    """The period (inclusive local dates) and, optionally, the area a report covers;
    `area_type` is the footprint (an `Area.kind`) that "by area" tables group by."""

    date_from: datetime.date
    date_to: datetime.date
    area: Area | None = None
    area_type: str = Area.Kind.WARD

    @classmethod
    def default(cls, today: datetime.date | None = None, area: Area | None = None):
        """The last 90 days, today included."""
        today = today or timezone.localdate()
        return cls(today - datetime.timedelta(days=DEFAULT_DAYS - 1), today, area)

    @cached_property
    def footprint(self) -> dict:
        """{ward id: the area of `area_type` it falls in}: what "by area" tables group the
        ward-level counts by (events carry their ward). Each ward is in at most one area of a
        type (areas of other types list the wards they best fit); a ward in none is left out,
        and tables report those counts as "Not in a <type>"."""
        if self.area_type == Area.Kind.WARD:
            return {ward.pk: ward for ward in Area.objects.filter(kind=Area.Kind.WARD)}
        mapping = {}
        for area in Area.objects.filter(kind=self.area_type).prefetch_related("wards"):
            for ward in area.wards.all():
                mapping.setdefault(ward.pk, area)
        return mapping

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    @property
    def start(self) -> datetime.datetime:
        return local_midnight(self.date_from)

    @property
    def end(self) -> datetime.datetime:
        """Exclusive: midnight at the end of `date_to`."""
        return local_midnight(self.date_to + datetime.timedelta(days=1))

    def previous(self) -> "ReportFilter":
        """The period of the same length just before this one."""
        length = datetime.timedelta(days=self.days)
        return ReportFilter(
            self.date_from - length, self.date_to - length, self.area, self.area_type
        )

    @cached_property
    def area_ids(self) -> list | None:
        """The chosen area with the wards it covers (for a LAC patch), or None for everywhere."""
        if self.area is None:
            return None
        ids = {self.area.pk}
        ids.update(self.area.wards.values_list("pk", flat=True))
        ids.update(self.area.children.values_list("pk", flat=True))
        return list(ids)


@dataclass
class Column:
    key: str
    label: str
    kind: str = "text"  # text | count | rate | percent
    suppressed: bool = True  # counts of people's activity are; counts of listings are not


@dataclass
class Chart:
    """A horizontal bar chart of one count column, labelled by another column."""

    label_key: str
    value_key: str
    title: str
    limit: int = 15


@dataclass
class Table:
    slug: str
    title: str
    columns: list[Column]
    rows: list[dict]
    description: str = ""
    chart: Chart | None = None
    map_points: list[dict] = field(default_factory=list)

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)


def footprint_label(report: ReportFilter, ward_id) -> str:
    """The name of the area of the report's footprint a ward-level count falls in: "Area not
    known" without a ward, "Not in a <type>" for a ward outside every area of the type."""
    if ward_id is None:
        return _("Area not known")
    area = report.footprint.get(ward_id)
    if area is None:
        return _("Not in a %(type)s") % {"type": str(Area.Kind(report.area_type).label).lower()}
    return area.name


def local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=local_zone())


def local_zone():
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def month_starts(report: ReportFilter) -> list[datetime.date]:
    """The first day of each calendar month the period touches."""
    month = report.date_from.replace(day=1)
    starts = []
    while month <= report.date_to:
        starts.append(month)
        month = next_month(month)
    return starts


def next_month(day: datetime.date) -> datetime.date:
    """The first day of the month after `day`'s."""
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
