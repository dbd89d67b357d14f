from datetime import date

import pytest

from sifa.core import calendar as cal
from sifa.core.models import HolidayOverride
from sifa.demo import holidays


def test_unknown_year_raises_until_provisional_data_is_entered(db):
    cal.invalidate()
    with pytest.raises(cal.CalendarYearUnknown) as err:
        cal.is_workday(date(2027, 3, 1))
    assert "2027" in str(err.value)
    assert holidays.load() > 0
    assert cal.is_workday(date(2027, 3, 1))  # an ordinary Monday
    assert not cal.is_workday(date(2027, 10, 1))  # 国庆节
    assert not cal.is_workday(date(2027, 2, 8))  # 春节 初三 (a Monday)
    assert all("演示数据" in b for b in HolidayOverride.objects.values_list("basis", flat=True))


def test_provisional_data_never_overwrites_a_year_entered_by_staff(db):
    HolidayOverride.objects.create(date=date(2027, 1, 1), is_workday=False, name="元旦", year_complete=True,
                                   basis="国办发明电〔2026〕X号")
    cal.invalidate()
    assert holidays.load() == 0
    assert HolidayOverride.objects.filter(date__year=2027).count() == 1
    cal.invalidate()
