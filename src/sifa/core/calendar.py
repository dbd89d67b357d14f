"""Working days and statutory periods on the Chinese calendar (民事诉讼法 第八十五条).

- The start day is not counted (期间开始的时和日，不计算在期间内).
- A period in days or months whose last day is a rest day ends on the first working day after it
  (期间届满的最后一日是法定休假日的，以法定休假日后的第一日为期间届满的日期).
- An adjusted working day (调休上班日, a Saturday or Sunday worked in exchange for a bridged holiday) is a
  working day; a bridged weekday off is a rest day.

Data: the `chinesecalendar` package (2004–2026 in version 1.11), then `HolidayOverride` rows, which win.
A year the package does not cover is known only once the administrator has entered the State Council's
notice for it and marked the year complete (a `year_complete` row). Asked about any other year, the
calendar raises `CalendarYearUnknown`, naming the year: a clock never silently guesses.

The administrator enters a year either in the admin (节假日调整: one row per rest day or adjusted working
day of the notice, and "year complete" ticked on the row of 1 January) or from a CSV file with
`sifa calendar --load FILE.csv --complete` (see `parse_csv` for the format).
"""

from __future__ import annotations

import calendar as _stdcal
import csv
import io
import time
from dataclasses import dataclass, field
from datetime import date, timedelta

from chinese_calendar import constants as _package
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext as _

# The years the installed `chinesecalendar` covers: computed from its data, so upgrading the package
# (which gains a year each November) extends sifa without a code change.
PACKAGE_YEARS = range(min(_package.holidays).year, max(_package.holidays).year + 1)

# The festivals of 《全国年节及纪念日放假办法》 (as revised with effect from 2025-01-01): every complete year
# must give each of them at least one rest day. Names as the State Council notice writes them.
FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
_FESTIVAL_KEYS = {"元旦": "元旦", "春节": "春节", "清明节": "清明", "劳动节": "劳动", "端午节": "端午",
                  "中秋节": "中秋", "国庆节": "国庆"}

# Overrides are cached per process; a save or delete of a HolidayOverride empties the cache of the process
# that made it, and other processes (several gunicorn workers) reload within CACHE_SECONDS.
CACHE_SECONDS = 60


class CalendarYearUnknown(LookupError):
    """No holiday data for a year: the administrator must enter its State Council notice first."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(
            _("sifa has no holiday data for %(year)s: enter the State Council's holiday notice for %(year)s "
              "as holiday overrides (admin → holiday overrides) and mark the year complete.") % {"year": year}
        )


class CalendarLoadError(ValueError):
    pass


# --- the data ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Overrides:
    days: dict[date, tuple[bool, str]]  # date -> (is_workday, name)
    complete: frozenset[int]
    loaded_at: float


_cache: _Overrides | None = None


def _overrides() -> _Overrides:
    global _cache
    if _cache is None or time.monotonic() - _cache.loaded_at > CACHE_SECONDS:
        from .models import HolidayOverride

        days: dict[date, tuple[bool, str]] = {}
        complete: set[int] = set()
        for d, work, name, is_complete in HolidayOverride.objects.values_list(
                "date", "is_workday", "name", "year_complete"):
            days[d] = (work, name)
            if is_complete:
                complete.add(d.year)
        _cache = _Overrides(days, frozenset(complete), time.monotonic())
    return _cache


def invalidate(**_kwargs) -> None:
    """Forget the cached overrides (after an override is saved or deleted)."""
    global _cache
    _cache = None


post_save.connect(invalidate, sender="core.HolidayOverride", dispatch_uid="sifa.calendar.saved")
post_delete.connect(invalidate, sender="core.HolidayOverride", dispatch_uid="sifa.calendar.deleted")


def in_package(year: int) -> bool:
    return year in PACKAGE_YEARS


def year_known(year: int) -> bool:
    return in_package(year) or year in _overrides().complete


def _check(day: date) -> None:
    if not year_known(day.year):
        raise CalendarYearUnknown(day.year)


def is_workday(day: date) -> bool:
    """Is `day` a working day? Raises CalendarYearUnknown for a year without data."""
    _check(day)
    entry = _overrides().days.get(day)
    if entry is not None:
        return entry[0]
    if day in _package.workdays:
        return True
    return day.weekday() < 5 and day not in _package.holidays


def day_name(day: date) -> str:
    """The holiday a rest day or an adjusted working day belongs to ("国庆节"), or ""."""
    entry = _overrides().days.get(day)
    if entry is not None:
        return entry[1]
    english = _package.holidays.get(day) or _package.workdays.get(day)
    if not english:
        return ""
    try:
        return _package.Holiday(english).chinese
    except ValueError:
        return str(english)


# --- periods -------------------------------------------------------------------------------------

def next_workday(day: date) -> date:
    """`day` itself when it is a working day, else the first working day after it (the roll-forward)."""
    while not is_workday(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start` (the start day is not counted)."""
    if n < 0:
        raise ValueError("n must not be negative")
    day, remaining = start, n
    while remaining > 0:
        day += timedelta(days=1)
        if is_workday(day):
            remaining -= 1
    return day


def working_days_between(first: date, last_exclusive: date) -> int:
    """How many working days lie in [first, last_exclusive)."""
    count, day = 0, first
    while day < last_exclusive:
        count += is_workday(day)
        day += timedelta(days=1)
    return count


def add_calendar_days(start: date, n: int) -> date:
    """n days after `start`; a last day that is a rest day moves to the next working day."""
    if n < 0:
        raise ValueError("n must not be negative")
    return next_workday(start + timedelta(days=n))


def months_later(start: date, n: int) -> date:
    """The corresponding day n months after `start`, or the month's last day when it has none
    (民法典 第二百零二条), before any roll-forward."""
    month_index = start.month - 1 + n
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, _stdcal.monthrange(year, month)[1]))


def add_months(start: date, n: int) -> date:
    """n months after `start`, rolled forward to a working day."""
    return next_workday(months_later(start, n))


# --- a year at a glance --------------------------------------------------------------------------

@dataclass
class YearSummary:
    year: int
    source: str  # "package", "overrides"
    rest_days: list[tuple[date, str]]  # statutory rest days and bridged days off, other than ordinary weekends
    adjusted_workdays: list[tuple[date, str]]  # Saturdays and Sundays worked (调休上班)
    corrections: int = 0  # override rows that change the package's data


def year_summary(year: int) -> YearSummary:
    """The year's rest days other than ordinary weekends, and its adjusted working days."""
    if not year_known(year):
        raise CalendarYearUnknown(year)
    rest, adjusted = [], []
    day = date(year, 1, 1)
    while day.year == year:
        work, weekend, name = is_workday(day), day.weekday() >= 5, day_name(day)
        if not work and (not weekend or name):  # a weekend inside a holiday run belongs to the holiday
            rest.append((day, name))
        elif work and weekend:
            adjusted.append((day, name))
        day += timedelta(days=1)
    days = _overrides().days
    corrections = sum(1 for d in days if d.year == year) if in_package(year) else 0
    return YearSummary(year, "package" if in_package(year) else "overrides", rest, adjusted, corrections)


def runs(days: list[tuple[date, str]]) -> list[tuple[date, date, str]]:
    """Group consecutive days of the same name: [(first, last, name)]."""
    out: list[tuple[date, date, str]] = []
    for d, name in days:
        if out and out[-1][1] + timedelta(days=1) == d and out[-1][2] == name:
            out[-1] = (out[-1][0], d, name)
        else:
            out.append((d, d, name))
    return out


@dataclass
class YearStatus:
    """What sifa knows about a year, and what the administrator still has to enter."""

    year: int
    known: bool
    source: str  # "package", "overrides" or ""
    rest_days_entered: int = 0
    workdays_entered: int = 0
    missing_festivals: list[str] = field(default_factory=list)

    def explain(self) -> str:
        y = self.year
        if self.source == "package":
            return _("%(year)s is covered by the chinesecalendar package (%(first)s–%(last)s).") % {
                "year": y, "first": PACKAGE_YEARS.start, "last": PACKAGE_YEARS.stop - 1}
        if self.known:
            text = _("%(year)s was entered by the administrator and marked complete: %(rest)s rest days and "
                     "%(work)s adjusted working days.") % {"year": y, "rest": self.rest_days_entered,
                                                            "work": self.workdays_entered}
            if self.missing_festivals:
                text += " " + _("Warning: no rest day is named for %(names)s.") % {
                    "names": "、".join(self.missing_festivals)}
            return text
        lines = [
            _("sifa has no holiday data for %(year)s: the chinesecalendar package covers %(first)s–%(last)s, "
              "and the year has not been marked complete.") % {
                "year": y, "first": PACKAGE_YEARS.start, "last": PACKAGE_YEARS.stop - 1},
            _("Entered so far: %(rest)s rest days and %(work)s adjusted working days.") % {
                "rest": self.rest_days_entered, "work": self.workdays_entered},
        ]
        if self.missing_festivals:
            lines.append(_("Festivals without a rest day yet: %(names)s.") % {
                "names": "、".join(self.missing_festivals)})
        lines.append(_("Enter the State Council's holiday notice for %(year)s: load a CSV file with "
                       "“sifa calendar --load FILE.csv --complete”, or add the days in the admin "
                       "(holiday overrides) and tick “year complete” on 1 January. Until then, a clock "
                       "that runs into %(year)s cannot be computed.") % {"year": y})
        return "\n".join(lines)


def year_status(year: int) -> YearStatus:
    days = {d: v for d, v in _overrides().days.items() if d.year == year}
    rest = sum(1 for work, _name in days.values() if not work)
    work = sum(1 for d, (w, _name) in days.items() if w and d.weekday() >= 5)
    names = [name for w, name in days.values() if not w]
    missing = [f for f in FESTIVALS if not any(_FESTIVAL_KEYS[f] in n for n in names)]
    if in_package(year):
        return YearStatus(year, True, "package", rest, work, [])
    known = year in _overrides().complete
    return YearStatus(year, known, "overrides" if known else "", rest, work, missing)


# --- loading a year from a file ------------------------------------------------------------------

REST_WORDS = {"休", "rest", "holiday", "off", "0", "false", "否"}
WORK_WORDS = {"班", "work", "workday", "1", "true", "是"}


@dataclass(frozen=True)
class OverrideRow:
    date: date
    is_workday: bool
    name: str
    basis: str = ""


def parse_csv(text: str) -> list[OverrideRow]:
    """Rows of a holiday file: a header `date,type,name,basis`, then one line per day of the notice.

        date,type,name,basis
        2027-01-01,休,元旦,国办发明电〔2026〕X号
        2027-02-07,班,春节调休上班,国办发明电〔2026〕X号

    `type` is 休 (a rest day: a festival day or a bridged day off) or 班 (a Saturday or Sunday worked);
    rest/work, 0/1 are accepted too. Ordinary weekends and weekdays need no line.
    """
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    wanted = {"date", "type", "name"}
    if not reader.fieldnames or not wanted <= {f.strip().lower() for f in reader.fieldnames}:
        raise CalendarLoadError(_("The file must start with the header line: date,type,name,basis"))
    rows: list[OverrideRow] = []
    seen: set[date] = set()
    for number, raw in enumerate(reader, start=2):
        raw = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        if not any(raw.values()):
            continue
        try:
            day = date.fromisoformat(raw["date"])
        except ValueError:
            raise CalendarLoadError(_("Line %(line)s: “%(value)s” is not a date (YYYY-MM-DD).") % {
                "line": number, "value": raw["date"]}) from None
        kind = raw["type"].lower()
        if kind not in REST_WORDS | WORK_WORDS:
            raise CalendarLoadError(_("Line %(line)s: the type must be 休 (rest day) or 班 (working day), "
                                      "not “%(value)s”.") % {"line": number, "value": raw["type"]})
        if day in seen:
            raise CalendarLoadError(_("Line %(line)s: %(date)s appears twice.") % {"line": number, "date": day})
        seen.add(day)
        rows.append(OverrideRow(day, kind in WORK_WORDS, raw.get("name", "")[:60], raw.get("basis", "")[:200]))
    if not rows:
        raise CalendarLoadError(_("The file holds no days."))
    return rows


@dataclass
class LoadResult:
    created: int
    updated: int
    completed_years: list[int]


@transaction.atomic
def load(rows: list[OverrideRow], *, complete: bool = False, force: bool = False, by=None) -> LoadResult:
    """Write the rows as holiday overrides (a row for an existing date replaces it). With `complete`, mark
    every year of the file complete; refused while a festival of the year has no rest day, unless `force`."""
    from . import audit
    from .models import HolidayOverride

    created = updated = 0
    for row in rows:
        _obj, was_created = HolidayOverride.objects.update_or_create(
            date=row.date, defaults={"is_workday": row.is_workday, "name": row.name, "basis": row.basis})
        created += was_created
        updated += not was_created
    invalidate()
    years = sorted({r.date.year for r in rows})
    completed = []
    if complete:
        for year in years:
            if in_package(year):
                continue
            missing = year_status(year).missing_festivals
            if missing and not force:
                raise CalendarLoadError(_("%(year)s cannot be marked complete: no rest day is named for "
                                          "%(names)s.") % {"year": year, "names": "、".join(missing)})
            new_year, made = HolidayOverride.objects.get_or_create(
                date=date(year, 1, 1), defaults={"is_workday": False, "name": "元旦"})
            created += made
            HolidayOverride.objects.filter(pk=new_year.pk).update(year_complete=True)
            completed.append(year)
        invalidate()
    audit.record(by, "calendar.loaded", None, summary=_("Holiday data loaded for %(years)s") % {
        "years": ", ".join(map(str, years))},
        payload={"rows": [[r.date, r.is_workday, r.name, r.basis] for r in rows], "completed": completed})
    return LoadResult(created, updated, completed)

