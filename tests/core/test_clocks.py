"""Statutory clocks: rules with effective periods, due dates derived from history, the sweep, the CLI."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sifa.core import calendar as cal
from sifa.core import clocks
from sifa.core.clocks import DAYS, MONTHS, WORKING_DAYS, ClockError, Rule
from sifa.core.models import AuditEvent, Deadline, HolidayOverride
from sifa.core.models.clocks import DeadlineState

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

D = date
ACCEPTANCE = Rule(key="test.acceptance_review", label="Acceptance review", length=5, unit=WORKING_DAYS,
                  basis="行政复议法第三十条、第八十八条")
DECISION = Rule(key="test.decision", label="Decision", length=60, unit=DAYS, basis="行政复议法第六十二条",
                effective_from=D(2024, 1, 1), max_extension=30, extension_basis="行政复议法第六十二条第一款")
DECISION_1999 = Rule(key="test.decision", label="Decision (1999 law)", length=60, unit=DAYS,
                     basis="行政复议法（2017年修正）第三十一条", effective_from=D(1999, 10, 1),
                     effective_to=D(2023, 12, 31), max_extension=30)
QUARTER = Rule(key="test.quarter", label="Three months", length=3, unit=MONTHS, basis="test basis",
               max_extension=10)


@pytest.fixture(autouse=True)
def _rules(rules):
    rules(ACCEPTANCE, DECISION, DECISION_1999, QUARTER)


@pytest.fixture
def case(make_dossier):
    return make_dossier()


# --- rules -------------------------------------------------------------------------------------------

def test_a_clock_follows_the_rule_version_in_force_on_its_start_day(case, make_dossier):
    old = clocks.start(case, rule="test.decision", start=D(2023, 12, 20))
    assert old.basis == "行政复议法（2017年修正）第三十一条" and old.rule_effective_from == D(1999, 10, 1)
    new = clocks.start(make_dossier(), rule="test.decision", start=D(2024, 1, 2))
    assert new.basis == "行政复议法第六十二条" and new.rule_effective_from == D(2024, 1, 1)


def test_a_case_can_keep_the_rules_in_force_when_it_was_received(case):
    d = clocks.start(case, rule="test.decision", start=D(2024, 1, 3), rule_date=D(2023, 12, 28))
    assert d.rule_effective_from == D(1999, 10, 1)


def test_overlapping_rule_versions_are_refused(rules):
    with pytest.raises(ValueError, match="overlaps"):
        rules(Rule(key="test.decision", label="x", length=1, unit=DAYS, basis="b", effective_from=D(2023, 6, 1),
                   effective_to=D(2024, 6, 1)))


def test_unknown_rules_and_units_are_refused(case):
    with pytest.raises(ClockError, match="test.nothing"):
        clocks.start(case, rule="test.nothing", start=D(2024, 1, 2))
    with pytest.raises(ValueError, match="unit"):
        Rule(key="test.bad", label="x", length=1, unit="weeks", basis="b")
    with pytest.raises(ClockError, match="not in force"):
        clocks.start(case, rule="test.decision", start=D(1999, 1, 4))


# --- the due date ------------------------------------------------------------------------------------

def test_acceptance_review_started_before_national_day_2024_is_due_10_october(case):
    d = clocks.start(case, rule="test.acceptance_review", start=D(2024, 9, 27))
    assert d.due == d.original_due == D(2024, 10, 10)
    assert d.count_unit == WORKING_DAYS and d.assignee == case.handler and d.unit == case.unit


def test_a_pause_excludes_its_working_days_from_a_working_day_clock(case):
    clocks.start(case, rule="test.acceptance_review", start=D(2024, 9, 27))
    clocks.pause(case, rule="test.acceptance_review", on=D(2024, 9, 30), reason="补正")
    d = clocks.resume(case, rule="test.acceptance_review", on=D(2024, 10, 9))
    # counted: 9-29 (worked Sunday); paused 9-30 and 10-8; then 10-9, 10-10, 10-11, 10-12 (worked Saturday)
    assert d.due == D(2024, 10, 12)
    assert d.original_due == D(2024, 10, 10)


def test_a_pause_excludes_calendar_days_from_a_calendar_day_clock_and_the_clock_explains_itself(case):
    d = clocks.start(case, rule="test.decision", start=D(2024, 1, 29))
    assert d.due == D(2024, 3, 29)
    clocks.pause(case, rule="test.decision", on=D(2024, 2, 5), reason="中止")
    d = clocks.resume(case, rule="test.decision", on=D(2024, 2, 19))
    assert d.due == D(2024, 4, 12)  # 14 days later
    assert d.explain() == ("due 2024-04-12: 60 days from 2024-01-29 (行政复议法第六十二条); "
                           "paused 2024-02-05 to 2024-02-19 (中止); overdue")


def test_a_pause_after_the_clock_ran_out_does_not_revive_it(case):
    clocks.start(case, rule="test.decision", start=D(2024, 1, 29))
    clocks.pause(case, rule="test.decision", on=D(2024, 4, 1), reason="中止")
    d = clocks.resume(case, rule="test.decision", on=D(2024, 4, 10))
    assert d.due == D(2024, 3, 29) and d.state == DeadlineState.OVERDUE


def test_an_extension_adds_days_and_a_last_day_on_an_adjusted_working_day_stays(case, users):
    clocks.start(case, rule="test.decision", start=D(2024, 1, 29))
    d = clocks.extend(case, rule="test.decision", days=30, approver=users["fuyi_head"], reason="案情复杂",
                      on=D(2024, 3, 20))
    assert d.due == D(2024, 4, 28)  # a Sunday worked for Labour Day 2024
    assert d.original_due == D(2024, 3, 29)
    assert d.extensions[0]["approver_id"] == users["fuyi_head"].pk
    assert "extended by 30 days on 2024-03-20, approved by" in d.explain()


def test_extensions_stay_within_the_rule(case, users):
    clocks.start(case, rule="test.decision", start=D(2024, 1, 29))
    clocks.extend(case, rule="test.decision", days=20, approver=users["fuyi_head"], reason="a", on=D(2024, 3, 1))
    with pytest.raises(ClockError, match="at most 30 days"):
        clocks.extend(case, rule="test.decision", days=11, approver=users["fuyi_head"], reason="b", on=D(2024, 3, 2))
    with pytest.raises(ClockError, match="approver and a reason"):
        clocks.extend(case, rule="test.decision", days=5, approver=users["fuyi_head"], reason=" ", on=D(2024, 3, 2))
    with pytest.raises(ClockError, match="before then"):
        clocks.extend(case, rule="test.decision", days=5, approver=users["fuyi_head"], reason="c", on=D(2024, 5, 1))
    d = clocks.extend(case, rule="test.decision", days=10, approver=users["fuyi_head"], reason="d",
                      on=D(2024, 3, 2))
    assert d.due == D(2024, 4, 28)


def test_a_rule_without_extensions_cannot_be_extended(case, users):
    clocks.start(case, rule="test.acceptance_review", start=D(2024, 9, 27))
    with pytest.raises(ClockError, match="at most 0 working days"):
        clocks.extend(case, rule="test.acceptance_review", days=1, approver=users["fuyi_head"], reason="x",
                      on=D(2024, 9, 30))


def test_a_month_clock_ends_on_the_corresponding_day_and_extends_in_calendar_days(case, users):
    d = clocks.start(case, rule="test.quarter", start=D(2023, 11, 30))
    assert d.due == D(2024, 2, 29)
    d = clocks.extend(case, rule="test.quarter", days=10, approver=users["leader"], reason="x", on=D(2024, 2, 1))
    assert d.due == D(2024, 3, 11)  # 3-10 is a Sunday


def test_a_clock_running_into_a_year_without_data_is_refused(case):
    with pytest.raises(cal.CalendarYearUnknown, match="2027"):
        clocks.start(case, rule="test.decision", start=D(2026, 11, 28))
    assert not Deadline.objects.exists()


# --- states and services -----------------------------------------------------------------------------

def test_meeting_a_clock_records_the_day_and_whether_it_was_late(case, make_dossier):
    clocks.start(case, rule="test.acceptance_review", start=D(2024, 9, 27))
    d = clocks.meet(case, rule="test.acceptance_review", on=D(2024, 10, 9))
    assert d.state == DeadlineState.MET and d.met_on == D(2024, 10, 9)
    assert d.explain().endswith("met on 2024-10-09")
    other = make_dossier()
    clocks.start(other, rule="test.acceptance_review", start=D(2024, 9, 27))
    late = clocks.meet(other, rule="test.acceptance_review", on=D(2024, 10, 11))
    assert late.explain().endswith("met late on 2024-10-11")
    assert AuditEvent.objects.filter(action="clock.met", payload__late=True).count() == 1


def test_a_rule_runs_once_at_a_time_on_a_case(case):
    clocks.start(case, rule="test.acceptance_review", start=D(2024, 9, 27))
    with pytest.raises(ClockError, match="already running"):
        clocks.start(case, rule="test.acceptance_review", start=D(2024, 9, 30))
    clocks.meet(case, rule="test.acceptance_review", on=D(2024, 9, 30))
    d = clocks.start(case, rule="test.acceptance_review", start=D(2024, 10, 8))  # the review runs again
    assert clocks.current(case, "test.acceptance_review") == d


def test_pause_and_resume_are_checked(case):
    clocks.start(case, rule="test.decision", start=D(2024, 1, 29))
    with pytest.raises(ClockError, match="not paused"):
        clocks.resume(case, rule="test.decision", on=D(2024, 2, 1))
    with pytest.raises(ClockError, match="reason"):
        clocks.pause(case, rule="test.decision", on=D(2024, 2, 1), reason="")
    with pytest.raises(ClockError, match="before the clock"):
        clocks.pause(case, rule="test.decision", on=D(2024, 1, 1), reason="x")
    clocks.pause(case, rule="test.decision", on=D(2024, 2, 5), reason="中止")
    with pytest.raises(ClockError, match="already paused"):
        clocks.pause(case, rule="test.decision", on=D(2024, 2, 6), reason="x")
    with pytest.raises(ClockError, match="before it was paused"):
        clocks.resume(case, rule="test.decision", on=D(2024, 2, 4))
    assert "paused since 2024-02-05 (中止)" in clocks.current(case, "test.decision").explain()


def test_cancel_all_closes_every_open_clock(case):
    clocks.start(case, rule="test.acceptance_review", start=D(2024, 9, 27))
    clocks.start(case, rule="test.decision", start=D(2024, 9, 27))
    clocks.pause(case, rule="test.decision", on=D(2024, 10, 8), reason="中止")
    assert clocks.cancel_all(case, on=D(2024, 10, 9), reason="撤回") == 2
    assert set(clocks.for_case(case).values_list("state", flat=True)) == {DeadlineState.CANCELLED}
    assert clocks.cancel(case, rule="test.decision", on=D(2024, 10, 9)) is None
    with pytest.raises(ClockError, match="no open clock"):
        clocks.cancel(case, rule="test.decision", on=D(2024, 10, 9), missing_ok=False)


def test_every_clock_service_writes_an_audit_event(case, users):
    clocks.start(case, rule="test.decision", start=D(2024, 1, 29), by=users["handler"])
    clocks.pause(case, rule="test.decision", on=D(2024, 2, 5), reason="中止", by=users["handler"])
    clocks.resume(case, rule="test.decision", on=D(2024, 2, 19), by=users["handler"])
    clocks.extend(case, rule="test.decision", days=10, approver=users["fuyi_head"], reason="x", on=D(2024, 3, 1),
                  by=users["handler"])
    clocks.meet(case, rule="test.decision", on=D(2024, 4, 1), by=users["handler"])
    actions = [e.action for e in AuditEvent.objects.filter(action__startswith="clock.").order_by("seq")]
    assert actions == ["clock.started", "clock.paused", "clock.resumed", "clock.extended", "clock.met"]
    assert all(e.actor_id == users["handler"].pk for e in AuditEvent.objects.filter(action__startswith="clock."))


def test_a_back_dated_clock_already_past_its_due_date_is_overdue(case):
    d = clocks.start(case, rule="test.acceptance_review", start=D(2024, 9, 27))
    assert d.state == DeadlineState.OVERDUE


def test_recompute_follows_a_calendar_correction(case):
    clocks.start(case, rule="test.acceptance_review", start=D(2024, 9, 27))
    HolidayOverride.objects.create(date=D(2024, 10, 8), is_workday=False, name="correction")
    changed, failed = clocks.recompute_open()
    assert (changed, failed) == (1, [])
    assert clocks.current(case, "test.acceptance_review").due == D(2024, 10, 11)


# --- the sweep ---------------------------------------------------------------------------------------

def _clocks(case, n: int, *, start: date):
    """n running clocks straight in the table (the sweep's input), due on a spread of days."""
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(case)
    Deadline.objects.bulk_create([
        Deadline(content_type=ct, object_id=case.pk, rule="test.decision", rule_effective_from=D(2024, 1, 1),
                 label="Decision", basis="b", length=60, count_unit=DAYS, start=start,
                 original_due=date.fromordinal(start.toordinal() + i % 20),
                 due=date.fromordinal(start.toordinal() + i % 20), state=DeadlineState.RUNNING, unit=case.unit,
                 assignee=case.handler)
        for i in range(n)])


def _sweep_queries(today) -> int:
    with CaptureQueriesContext(connection) as ctx:
        clocks.sweep(today)
    return len(ctx.captured_queries)


def test_the_sweep_takes_the_same_few_queries_for_500_clocks_as_for_5(case, make_dossier,
                                                                       django_assert_num_queries):
    from sifa.core import audit

    audit.record(None, "test.warm_up")  # the chain's head exists, as it does in any running system
    cal.is_workday(D(2024, 3, 11))  # and the holiday overrides are cached
    _clocks(case, 5, start=D(2024, 3, 1))
    few = _sweep_queries(D(2024, 3, 11))
    Deadline.objects.all().delete()
    _clocks(case, 500, start=D(2024, 3, 1))
    with django_assert_num_queries(few):
        result = clocks.sweep(D(2024, 3, 11))
    assert result.marked_overdue == 250  # due 3-01 … 3-10 of each 20
    assert few <= 10


def test_the_sweep_marks_overdue_lists_due_soon_and_leaves_paused_clocks(case, make_dossier):
    _clocks(case, 20, start=D(2024, 3, 1))  # due 3-01 … 3-20
    Deadline.objects.filter(due=D(2024, 3, 5)).update(state=DeadlineState.PAUSED)
    result = clocks.sweep(D(2024, 3, 11))  # a Monday; 3 working days on: Thursday 3-14
    assert result.marked_overdue == 9
    assert result.threshold == D(2024, 3, 14)
    assert [r["due"] for r in result.due_soon] == [D(2024, 3, d) for d in (11, 12, 13, 14)]
    assert Deadline.objects.filter(state=DeadlineState.PAUSED).count() == 1
    event = AuditEvent.objects.get(action="clock.overdue")
    assert event.payload["count"] == 9 and len(event.payload["ids"]) == 9
    assert clocks.sweep(D(2024, 3, 11)).marked_overdue == 0  # idempotent


def test_the_due_soon_hint_falls_back_to_weekdays_with_a_warning_in_an_unknown_year():
    result = clocks.sweep(D(2026, 12, 30))
    assert result.threshold == D(2027, 1, 4) and "2027" in result.warning


def test_my_work_lists_the_users_open_clocks_in_due_order(make_dossier, users):
    a, b = make_dossier(), make_dossier(handler=users["handler2"])
    clocks.start(a, rule="test.decision", start=D(2024, 1, 29))
    clocks.start(a, rule="test.acceptance_review", start=D(2024, 9, 27))
    clocks.start(b, rule="test.acceptance_review", start=D(2024, 9, 20))
    mine = list(clocks.open_for_user(users["handler"]))
    assert [d.due for d in mine] == [D(2024, 3, 29), D(2024, 10, 10)]
    led = list(clocks.open_for_user(users["fuyi_head"], leader_units=True))
    assert len(led) == 3


def test_sweep_command_and_task(case):
    from sifa.core import tasks

    _clocks(case, 4, start=D(2024, 3, 1))
    out = StringIO()
    call_command("clocks", "sweep", "--date", "2024-03-03", stdout=out)
    assert "2 clocks marked overdue" in out.getvalue()
    assert tasks.sweep_clocks.call(today="2024-03-04")["marked_overdue"] == 1


def test_sweep_can_be_enqueued_once_and_daily(case):
    from django_tasks_db.models import DBTaskResult

    from sifa.core import tasks

    out = StringIO()
    call_command("clocks", "sweep", "--enqueue", stdout=out)
    assert DBTaskResult.objects.filter(task_path=tasks.sweep_clocks.module_path).count() == 1
    call_command("clocks", "sweep", "--enqueue", "--daily", "00:05", stdout=out)
    call_command("clocks", "sweep", "--enqueue", "--daily", "00:05", stdout=out)
    assert "already on the queue" in out.getvalue()
    assert DBTaskResult.objects.filter(task_path=tasks.sweep_clocks.module_path).count() == 1


def test_next_daily_run_is_today_or_tomorrow_at_the_time():
    from datetime import datetime

    from django.utils import timezone

    from sifa.core import tasks

    morning = timezone.make_aware(datetime(2026, 11, 28, 0, 1))
    assert timezone.localtime(tasks.next_run("00:05", morning)) == timezone.make_aware(datetime(2026, 11, 28, 0, 5))
    later = timezone.make_aware(datetime(2026, 11, 28, 9, 0))
    assert timezone.localtime(tasks.next_run("00:05", later)) == timezone.make_aware(datetime(2026, 11, 29, 0, 5))


# --- sifa deadline -----------------------------------------------------------------------------------

def _deadline(*args) -> str:
    out = StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue()


def test_deadline_command_computes_the_acceptance_review_across_national_day_2024():
    text = _deadline("test.acceptance_review", "2024-09-27")
    assert text.startswith("Due: 2024-10-10\n")
    assert "due 2024-10-10: 5 working days from 2024-09-27 (行政复议法第三十条、第八十八条)" in text


def test_deadline_command_applies_pauses_and_extensions():
    text = _deadline("test.decision", "2024-01-29", "--pause", "2024-02-05:2024-02-19:中止", "--extend", "10")
    assert text.startswith("Due: 2024-04-22\n")  # 60 + 14 + 10 days
    assert "paused 2024-02-05 to 2024-02-19 (中止)" in text
    with pytest.raises(CommandError, match="at most 30 days"):
        _deadline("test.decision", "2024-01-29", "--extend", "31")


def test_deadline_command_lists_rules_and_names_unknown_ones():
    listing = _deadline("--list")
    assert "test.acceptance_review" in listing and "5 working days" in listing
    assert "in force 1999-10-01 to 2023-12-31" in listing and "extendable by up to 30 days" in listing
    with pytest.raises(CommandError, match="Registered rules: .*test.acceptance_review"):
        _deadline("test.nothing", "2024-01-01")
    with pytest.raises(CommandError, match="2027"):
        _deadline("test.decision", "2026-11-28")


def test_the_reconsideration_lines_acceptance_review_gives_10_october_2024():
    """The check of issue 3, against the line's own rule once it is registered."""
    if not any(r.key == "reconsideration.acceptance_review" for r in clocks.rules()):
        pytest.skip("the reconsideration line has not registered its rules in this build")
    assert _deadline("reconsideration.acceptance_review", "2024-09-27").startswith("Due: 2024-10-10\n")
