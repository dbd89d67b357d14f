"""Provisional holiday data for years the `chinesecalendar` package does not cover yet, for the demo only.

The demo runs "today" (late 2026) with clocks that reach into 2027, before the State Council's 2027
notice is in sifa. So that the demo's clocks can run, `sifa demo` enters 2027's statutory rest days under
《全国年节及纪念日放假办法》 (as revised with effect from 2025-01-01): 元旦 1 day, 春节 4 days (除夕 to 初三),
清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3 — and no adjusted working days (调休), which only the notice can set.
Each row says so in its basis. A real district replaces these rows with the notice's dates (admin →
holiday overrides) when it is published; the demo never overwrites a row it did not write.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from sifa.core import calendar as cal
from sifa.core.models import HolidayOverride

BASIS = "演示数据：依《全国年节及纪念日放假办法》法定假日，国务院办公厅2027年放假安排通知未录入（无调休）"

PROVISIONAL = {
    2027: [
        (date(2027, 1, 1), "元旦"),
        (date(2027, 2, 5), "春节（除夕）"), (date(2027, 2, 6), "春节"), (date(2027, 2, 7), "春节"),
        (date(2027, 2, 8), "春节"),
        (date(2027, 4, 5), "清明节"),
        (date(2027, 5, 1), "劳动节"), (date(2027, 5, 2), "劳动节"),
        (date(2027, 6, 9), "端午节"),
        (date(2027, 9, 15), "中秋节"),
        (date(2027, 10, 1), "国庆节"), (date(2027, 10, 2), "国庆节"), (date(2027, 10, 3), "国庆节"),
    ],
}


@transaction.atomic
def load(years=(2027,)) -> int:
    """Enter the provisional rest days of `years` unless the year already has data. Returns rows written."""
    written = 0
    cal.invalidate()  # ask the database, not what this process remembers of it
    for year in years:
        if cal.year_known(year) or HolidayOverride.objects.filter(date__year=year).exists():
            continue
        rows = [HolidayOverride(date=d, is_workday=False, name=name, basis=BASIS) for d, name in PROVISIONAL[year]]
        first = next((r for r in rows if r.date == date(year, 1, 1)), None)
        if first is None:
            first = HolidayOverride(date=date(year, 1, 1), is_workday=False, name="元旦", basis=BASIS)
            rows.append(first)
        first.year_complete = True
        HolidayOverride.objects.bulk_create(rows)
        written += len(rows)
    cal.invalidate()
    return written
