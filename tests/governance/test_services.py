"""Governance's services: the task list with its overdue items, inspections with rectification clocks until
closed, observations and replies, research topics; every refusal with its field."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from sifa.core import clocks as core_clocks
from sifa.core.locking import ConflictError
from sifa.core.models import AuditEvent
from sifa.core.workflow import StepError
from sifa.governance import selectors, services
from sifa.governance.clocks import OBSERVATION_REPLY, RECTIFICATION
from sifa.governance.models import InspectionKind, InspectionState, PointKind, TopicStatus

pytestmark = pytest.mark.django_db


def test_a_task_is_overdue_until_reported_done(staff, office, units):
    today = timezone.localdate()
    t = services.task_create(unit=office, by=staff, year=today.year, title="述法全覆盖", responsible=units["PT-SFJ"],
                             assisting=[units["PT"], units["PT-SFJ"]], due_on=today - timedelta(days=2))
    assert list(t.assisting.all()) == [units["PT"]]  # the responsible unit is not its own assistant
    assert list(selectors.tasks(user=staff, status="overdue")) == [t]
    services.task_report(t, by=staff, on=today - timedelta(days=1), text="推进中")
    with pytest.raises(StepError) as e:
        services.task_report(t, by=staff, on=today - timedelta(days=3), text="倒签", done=True)
    assert e.value.field == "reported_on"
    with pytest.raises(ConflictError):
        services.task_report(t, by=staff, on=today, text="完成", done=True, expected_version=1)
    t.refresh_from_db()
    services.task_report(t, by=staff, on=today, text="完成", done=True, expected_version=t.version)
    assert t.done_on == today and not selectors.tasks(user=staff, status="overdue").exists()
    with pytest.raises(StepError):
        services.task_report(t, by=staff, on=today, text="again")
    assert AuditEvent.objects.filter(action="governance.task.reported").count() == 2


def test_an_inspection_runs_rectification_clocks_until_its_items_are_closed(staff, office, units):
    on = date(2024, 3, 4)
    insp = services.inspection_register(unit=office, by=staff, campaign="2024年专项督察", kind=InspectionKind.ENFORCEMENT,
                                        inspected=units["PT-WLJ"], visited_on=on)
    assert insp.number.endswith("1号")
    with pytest.raises(StepError) as e:
        services.inspection_register(unit=office, by=staff, campaign="2024年专项督察", kind=InspectionKind.ENFORCEMENT,
                                     inspected=units["PT-WLJ"], visited_on=on)
    assert e.value.field == "inspected"
    f1 = services.finding_add(insp, by=staff, problem="笔录不全", requirement="补正")
    f2 = services.finding_add(insp, by=staff, problem="未公示", requirement="公示")
    with pytest.raises(StepError):
        services.finding_close(f1, by=staff, on=on, outcome="x")  # not notified yet
    with pytest.raises(StepError) as e:
        services.inspection_report(insp, by=staff, on=on - timedelta(days=1))
    assert e.value.field == "on"
    services.inspection_report(insp, by=staff, on=on + timedelta(days=1))
    insp.refresh_from_db()
    assert insp.state == InspectionState.RECTIFYING and insp.report_number
    d = core_clocks.current(f1, RECTIFICATION)
    assert d.due == date(2024, 4, 7) and "督察工作规定" in d.basis  # 30 days from 03-05: 04-04, 清明 to 04-06, 04-07 a 调休 working day
    with pytest.raises(StepError):
        services.finding_add(insp, by=staff, problem="late", requirement="late")
    f1.refresh_from_db()
    services.finding_close(f1, by=staff, on=date(2024, 4, 1), outcome="已补正")
    f1.refresh_from_db()
    assert f1.rectified_in_time is True
    insp.refresh_from_db()
    assert insp.state == InspectionState.RECTIFYING
    f2.refresh_from_db()
    services.finding_close(f2, by=staff, on=date(2024, 4, 10), outcome="已公示")
    f2.refresh_from_db()
    insp.refresh_from_db()
    assert f2.rectified_in_time is False and insp.state == InspectionState.CLOSED and insp.closed_on == date(2024, 4, 10)


def test_an_inspection_without_findings_closes_with_its_report(staff, office, units):
    insp = services.inspection_register(unit=office, by=staff, campaign="c", kind=InspectionKind.PLAN,
                                        inspected=units["PT-FGJ"], visited_on=date(2024, 3, 4))
    services.inspection_report(insp, by=staff, on=date(2024, 3, 5))
    insp.refresh_from_db()
    assert insp.state == InspectionState.CLOSED


def test_observations_are_replied_within_their_clock(staff, office, units):
    p = services.point_establish(unit=office, by=staff, name="长寿居民区观察点", kind=PointKind.GRASSROOTS,
                                 street=units["PT-JDB-CSL"], established_on=date(2024, 3, 1),
                                 observers=[("王观察", "社工"), (" ", "")])
    assert p.observers.count() == 1
    with pytest.raises(StepError) as e:
        services.point_establish(unit=office, by=staff, name="长寿居民区观察点", kind=PointKind.GRASSROOTS,
                                 established_on=date(2024, 3, 1))
    assert e.value.field == "name"
    with pytest.raises(StepError) as e:
        services.observation_submit(p, by=staff, on=date(2024, 2, 1), subject="s", text="t")
    assert e.value.field == "submitted_on"
    o = services.observation_submit(p, by=staff, on=date(2024, 3, 4), subject="养犬规定", text="建议",
                                    observer=p.observers.first())
    d = core_clocks.current(o, OBSERVATION_REPLY)
    assert d.due == date(2024, 3, 25)  # fifteen working days, counted from the next day
    with pytest.raises(StepError) as e:
        services.observation_reply(o, by=staff, on=date(2024, 3, 5), reply="")
    assert e.value.field == "reply"
    services.observation_reply(o, by=staff, on=date(2024, 3, 5), reply="已转交")
    assert core_clocks.current(o, OBSERVATION_REPLY) is None


def test_research_topics_are_approved_then_concluded(staff, office, units):
    t = services.topic_propose(unit=office, by=staff, year=2024, title="课题", lead=units["PT-SFJ"],
                               on=date(2024, 3, 1))
    with pytest.raises(StepError) as e:
        services.topic_decide(t, by=staff, status=TopicStatus.CONCLUDED, on=date(2024, 4, 1))
    assert e.value.field == "status"
    with pytest.raises(StepError) as e:
        services.topic_decide(t, by=staff, status=TopicStatus.APPROVED, on=date(2024, 4, 1))
    assert e.value.field == "approved_by"
    services.topic_decide(t, by=staff, status=TopicStatus.APPROVED, on=date(2024, 4, 1), approved_by="市委依法治市办")
    services.topic_decide(t, by=staff, status=TopicStatus.CONCLUDED, on=date(2024, 12, 1))
    t.refresh_from_db()
    assert t.status == TopicStatus.CONCLUDED and t.approved_on == date(2024, 4, 1)


def test_the_task_list_comes_in_from_a_spreadsheet_all_or_nothing(staff, office, units):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sifa.core import imports
    from sifa.governance.models import Task

    head = "年度,序号,任务,来源文件,牵头单位,配合单位,完成时限\n"
    bad = (head + "2024,1,制定重大行政决策事项目录,工作要点,PT-SFJ,PT-FGJ,2024-06-30\n"
                  "2024,2,开展执法监督,工作要点,不存在的局,,2023-06-30\n").encode()
    report = imports.run(imports.importer("governance_tasks"), SimpleUploadedFile("t.csv", bad), by=staff,
                         name="t.csv")
    assert {e.column for e in report.errors} == {"牵头单位", "完成时限"} and not Task.objects.exists()
    good = (head + "2024,1,制定重大行政决策事项目录,工作要点,PT-SFJ,PT-FGJ、PT-WLJ,2024-06-30\n").encode()
    report = imports.run(imports.importer("governance_tasks"), SimpleUploadedFile("t.csv", good), by=staff,
                         name="t.csv")
    assert not report.errors
    t = Task.objects.get()
    assert t.responsible == units["PT-SFJ"] and {u.code for u in t.assisting.all()} == {"PT-FGJ", "PT-WLJ"}
    assert t.unit == office and t.due_on == date(2024, 6, 30)
