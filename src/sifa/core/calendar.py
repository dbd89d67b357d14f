"""Working days and statutory periods on the Chinese calendar (民事诉讼法 第八十五条).

- The start day is not counted.
- A period in calendar days or months whose last day is a rest day ends on the next working day.
- An adjusted working day (调休上班) is a working day.

Data: the `chinesecalendar` package (2004–2026), then `HolidayOverride` rows, which win. A year neither
covers raises `CalendarYearUnknown`: a clock never silently guesses.
"""

from __future__ import annotations

import calendar as _stdcal
from datetime import date, timedelta

import chinese_calendar
from django.utils.translation import gettext as _


class CalendarYearUnknown(LookupError):
    def __init__(self, year: int):
        self.year = year
        super().__init__(
            _("sifa has no holiday data for %(year)s: enter the State Council's holiday notice for %(year)s "
              "as holiday overrides (admin → holiday overrides) and mark the year complete.") % {"year": year}
        )


def _package_years() -> range:
    return range(2004, 2027)




_cache: dict | None = None


def _overrides() -> tuple[dict[date, bool], set[int]]:
    """Overrides and complete years, cached per process until `invalidate()` (called on admin save)."""
    global _cache
    if _cache is None:
        from .models import HolidayOverride

        days: dict[date, bool] = {}
        years: set[int] = set()
        for d, w, complete in HolidayOverride.objects.values_list("date", "is_workday", "year_complete"):
            days[d] = w
            if complete:
                years.add(d.year)
        _cache = {"days": days, "years": years}
    return _cache["days"], _cache["years"]


def invalidate() -> None:
    global _cache
    _cache = None


def year_known(year: int) -> bool:
    return year in _package_years() or year in _overrides()[1]


def is_workday(day: date) -> bool:
    days, years = _overrides()
    if day in days:
        return days[day]
    if day.year in _package_years():
        return chinese_calendar.is_workday(day)
    if day.year in years:  # a complete year entered by hand: weekdays work unless overridden
        return day.weekday() < 5
    raise CalendarYearUnknown(day.year)


def next_workday(day: date) -> date:
    while not is_workday(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after `start` (the start day is not counted)."""
    day = start
    remaining = n
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
    """n days after `start`, moved to the next working day when the last day is a rest day."""
    return next_workday(start + timedelta(days=n))


def add_months(start: date, n: int) -> date:
    """n months after `start` (same day of the month, or its last day), rolled to a working day."""
    month_index = start.month - 1 + n
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, _stdcal.monthrange(year, month)[1])
    return next_workday(date(year, month, day))


def year_summary(year: int) -> tuple[list[tuple[date, str]], list[tuple[date, str]]]:
    """(statutory rest days other than ordinary weekends, adjusted working days) of a year."""
    if not year_known(year):
        raise CalendarYearUnknown(year)
    days, _years = _overrides()
    holidays, adjusted = [], []
    day = date(year, 1, 1)
    while day.year == year:
        work = is_workday(day)
        weekend = day.weekday() >= 5
        name = ""
        if day in days:
            from .models import HolidayOverride

            name = HolidayOverride.objects.filter(date=day).values_list("name", flat=True).first() or ""
        elif year in _package_years():
            detail = chinese_calendar.get_holiday_detail(day)[1]
            name = detail or ""
        if not work and not weekend:
            holidays.append((day, name))
        elif work and weekend:
            adjusted.append((day, name))
        day += timedelta(days=1)
    return holidays, adjusted
