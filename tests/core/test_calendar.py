"""The working-day calendar against the State Council's published holiday notices (民事诉讼法 第八十五条)."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sifa.core import calendar as cal
from sifa.core.models import HolidayOverride

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = date


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# --- the published notices ------------------------------------------------------------------------

def test_national_day_2024_rests_seven_days_and_works_two_weekend_days():
    # 国办发明电〔2023〕7号: 10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。
    assert not any(cal.is_workday(d) for d in _days(D(2024, 10, 1), D(2024, 10, 7)))
    assert cal.is_workday(D(2024, 9, 29)) and D(2024, 9, 29).weekday() == 6
    assert cal.is_workday(D(2024, 10, 12)) and D(2024, 10, 12).weekday() == 5
    assert not cal.is_workday(D(2024, 9, 28))  # an ordinary Saturday
    assert cal.is_workday(D(2024, 10, 8))


def test_spring_festival_2024_rests_eight_days_and_works_two_sundays():
    # 2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。
    assert not any(cal.is_workday(d) for d in _days(D(2024, 2, 10), D(2024, 2, 17)))
    assert cal.is_workday(D(2024, 2, 4)) and cal.is_workday(D(2024, 2, 18))
    assert cal.is_workday(D(2024, 2, 9))  # 除夕 2024 was a working day in the notice


def test_2026_adjusted_working_days_match_the_notice():
    summary = cal.year_summary(2026)
    assert [d for d, _name in summary.adjusted_workdays] == [
        D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)]


def test_year_summary_groups_holidays_with_their_weekends_and_names_them():
    runs = cal.runs(cal.year_summary(2024).rest_days)
    assert (D(2024, 10, 1), D(2024, 10, 7), "国庆节") in runs
    assert (D(2024, 2, 10), D(2024, 2, 17), "春节") in runs
    assert all(first.weekday() < 5 or name for first, _last, name in runs)  # no ordinary weekend listed


# --- counting -------------------------------------------------------------------------------------

def test_five_working_days_from_27_september_2024_end_on_10_october():
    # Start day not counted: 9-29 (Sunday, worked) 1, 9-30 2, [10-1..10-7 off], 10-8 3, 10-9 4, 10-10 5.
    assert cal.add_working_days(D(2024, 9, 27), 5) == D(2024, 10, 10)


def test_the_start_day_is_not_counted():
    assert cal.add_working_days(D(2024, 3, 4), 1) == D(2024, 3, 5)  # Monday -> Tuesday
    assert cal.add_calendar_days(D(2024, 3, 4), 1) == D(2024, 3, 5)


def test_a_period_ending_on_a_holiday_ends_on_the_next_working_day():
    assert cal.add_calendar_days(D(2024, 9, 20), 11) == D(2024, 10, 8)  # 10-01 -> after National Day
    assert cal.add_calendar_days(D(2024, 3, 1), 15) == D(2024, 3, 18)  # Saturday 3-16 -> Monday


def test_a_period_ending_on_an_adjusted_working_day_does_not_move():
    assert cal.add_calendar_days(D(2024, 9, 19), 10) == D(2024, 9, 29)  # Sunday, but worked


def test_months_take_the_corresponding_day_or_the_last_day_of_the_month():
    assert cal.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert cal.add_months(D(2023, 1, 31), 1) == D(2023, 2, 28)
    assert cal.add_months(D(2024, 9, 1), 1) == D(2024, 10, 8)  # 10-01 rolls past National Day
    assert cal.add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)


def test_negative_periods_are_refused():
    with pytest.raises(ValueError):
        cal.add_working_days(D(2024, 1, 1), -1)


# --- unknown years, overrides, a year entered by hand ------------------------------------------------

def test_a_year_without_data_raises_an_error_naming_the_year():
    with pytest.raises(cal.CalendarYearUnknown, match="2027") as info:
        cal.is_workday(D(2027, 3, 1))
    assert info.value.year == 2027
    with pytest.raises(cal.CalendarYearUnknown, match="2003"):
        cal.is_workday(D(2003, 6, 2))


def test_a_period_running_into_an_unknown_year_raises_instead_of_guessing():
    with pytest.raises(cal.CalendarYearUnknown, match="2027"):
        cal.add_calendar_days(D(2026, 11, 28), 60)


def test_an_override_corrects_the_package():
    assert cal.is_workday(D(2024, 10, 8))
    HolidayOverride.objects.create(date=D(2024, 10, 8), is_workday=False, name="test correction")
    assert not cal.is_workday(D(2024, 10, 8))
    assert cal.add_working_days(D(2024, 9, 27), 5) == D(2024, 10, 11)


def test_overrides_of_an_incomplete_year_are_not_enough():
    HolidayOverride.objects.create(date=D(2027, 1, 1), is_workday=False, name="元旦")
    with pytest.raises(cal.CalendarYearUnknown):
        cal.is_workday(D(2027, 1, 1))


def _enter_2027():
    rows = [(D(2027, 1, 1), False, "元旦"), (D(2027, 2, 5), False, "春节"), (D(2027, 2, 8), False, "春节"),
            (D(2027, 2, 20), True, "春节调休上班"), (D(2027, 4, 5), False, "清明节"),
            (D(2027, 5, 3), False, "劳动节"), (D(2027, 6, 9), False, "端午节"),
            (D(2027, 9, 15), False, "中秋节"), (D(2027, 10, 1), False, "国庆节")]
    for day, work, name in rows:
        HolidayOverride.objects.create(date=day, is_workday=work, name=name)
    HolidayOverride.objects.filter(date=D(2027, 1, 1)).update(year_complete=True)


def test_a_year_entered_and_marked_complete_is_known():
    _enter_2027()
    cal.invalidate()
    assert cal.year_known(2027)
    assert not cal.is_workday(D(2027, 2, 8))  # a Monday entered as rest
    assert cal.is_workday(D(2027, 2, 20))  # a Saturday entered as worked
    assert cal.is_workday(D(2027, 3, 2)) and not cal.is_workday(D(2027, 3, 6))  # ordinary days
    assert cal.add_calendar_days(D(2026, 11, 28), 60) == D(2027, 1, 27)


def test_status_of_a_missing_year_says_what_to_enter():
    HolidayOverride.objects.create(date=D(2027, 1, 1), is_workday=False, name="元旦")
    status = cal.year_status(2027)
    assert not status.known
    assert status.rest_days_entered == 1
    assert "元旦" not in status.missing_festivals and "春节" in status.missing_festivals
    text = status.explain()
    assert "2027" in text and "sifa calendar --load" in text and "2004–2026" in text


def test_saving_an_override_is_seen_at_once():
    assert cal.is_workday(D(2024, 5, 6))
    HolidayOverride.objects.create(date=D(2024, 5, 6), is_workday=False)
    assert not cal.is_workday(D(2024, 5, 6))
    HolidayOverride.objects.filter(date=D(2024, 5, 6)).delete()  # a queryset delete sends post_delete too
    assert cal.is_workday(D(2024, 5, 6))


# --- loading a notice from a file -------------------------------------------------------------------

NOTICE_2027 = """date,type,name,basis
2027-01-01,休,元旦,test notice
2027-02-05,休,春节,test notice
2027-02-20,班,春节调休上班,test notice
2027-04-05,休,清明节,test notice
2027-05-03,rest,劳动节,test notice
2027-06-09,休,端午节,test notice
2027-09-15,休,中秋节,test notice
2027-10-01,休,国庆节,test notice
"""


def test_parse_csv_names_the_bad_line():
    with pytest.raises(cal.CalendarLoadError, match="Line 3"):
        cal.parse_csv("date,type,name\n2027-01-01,休,元旦\n2027-13-01,休,x\n")
    with pytest.raises(cal.CalendarLoadError, match="Line 2.*休"):
        cal.parse_csv("date,type,name\n2027-01-01,maybe,元旦\n")
    with pytest.raises(cal.CalendarLoadError, match="twice"):
        cal.parse_csv("date,type,name\n2027-01-01,休,元旦\n2027-01-01,班,x\n")
    with pytest.raises(cal.CalendarLoadError, match="header"):
        cal.parse_csv("2027-01-01,休,元旦\n")


def test_load_marks_a_year_complete_only_when_every_festival_has_a_rest_day():
    partial = "date,type,name\n2027-01-01,休,元旦\n"
    with pytest.raises(cal.CalendarLoadError, match="春节"):
        cal.load(cal.parse_csv(partial), complete=True)
    assert not cal.year_known(2027)
    result = cal.load(cal.parse_csv(NOTICE_2027), complete=True)
    assert result.completed_years == [2027]
    assert cal.year_known(2027) and not cal.is_workday(D(2027, 5, 3)) and cal.is_workday(D(2027, 2, 20))


def test_loading_a_notice_is_audited():
    from sifa.core.models import AuditEvent

    cal.load(cal.parse_csv(NOTICE_2027), complete=True)
    event = AuditEvent.objects.get(action="calendar.loaded")
    assert event.payload["completed"] == [2027] and len(event.payload["rows"]) == 8


# --- the command -------------------------------------------------------------------------------------

def test_calendar_command_prints_rest_days_and_adjusted_working_days():
    out = StringIO()
    call_command("calendar", "2024", stdout=out)
    text = out.getvalue()
    assert "2024-10-01 to 2024-10-07" in text and "国庆节" in text
    assert "2024-09-29" in text and "2024-10-12" in text
    assert "2024-09-28" not in text  # an ordinary weekend


def test_calendar_command_explains_a_missing_year_and_fails():
    out = StringIO()
    with pytest.raises(CommandError, match="2027"):
        call_command("calendar", "2027", stdout=out)
    assert "Festivals without a rest day yet" in out.getvalue()


def test_calendar_command_loads_a_file(tmp_path):
    path = tmp_path / "2027.csv"
    path.write_text(NOTICE_2027, encoding="utf-8")
    out = StringIO()
    call_command("calendar", "--load", str(path), "--complete", stdout=out)
    assert "2027" in out.getvalue()
    out = StringIO()
    call_command("calendar", "2027", stdout=out)
    assert "2027-02-20" in out.getvalue()


# --- properties -----------------------------------------------------------------------------------

known_days = st.dates(min_value=D(2004, 1, 1), max_value=D(2025, 6, 30))
PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@PROPS
@given(start=known_days, n=st.integers(min_value=1, max_value=60))
def test_add_working_days_lands_on_a_working_day_after_exactly_n_working_days(start, n):
    end = cal.add_working_days(start, n)
    assert end > start and cal.is_workday(end)
    assert cal.working_days_between(start + timedelta(days=1), end + timedelta(days=1)) == n


@PROPS
@given(start=known_days, n=st.integers(min_value=0, max_value=40))
def test_add_working_days_is_monotonic(start, n):
    assert cal.add_working_days(start, n) < cal.add_working_days(start, n + 1)
    assert cal.add_working_days(start, n) <= cal.add_working_days(start + timedelta(days=1), n)


@PROPS
@given(start=known_days, n=st.integers(min_value=1, max_value=120))
def test_add_calendar_days_rolls_to_the_first_working_day(start, n):
    end = cal.add_calendar_days(start, n)
    raw = start + timedelta(days=n)
    assert end >= raw and cal.is_workday(end)
    assert not any(cal.is_workday(d) for d in _days(raw, end - timedelta(days=1)))
