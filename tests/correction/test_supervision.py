"""What supervision adds to the procedure: the correction team's composition rules (第二十五条, 第五十二条), the search
a loss of contact triggers (第三十条) and the daily sweep on the task queue, the change of the place of execution
(第二十七条), electronic monitoring with its three-month periods (第二十九条), the court's 48 hours on an arrest request
(第四十七条) and its ruling on a revocation (第四十八条)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from sifa.core import audit
from sifa.core import clocks as core_clocks
from sifa.core.workflow import StepError
from sifa.correction import contacts, tasks
from sifa.correction.models import Contact, Monitoring, Search, State, Supervisee, TeamMember, Transfer
from sifa.correction.workflow import WORKFLOW

pytestmark = pytest.mark.django_db


def _team(case, by, members, on=date(2024, 3, 8)):
    return WORKFLOW.run(case, "set_team", by=by, on=on, data={"members": members})


def test_a_womans_team_needs_a_woman_and_the_team_is_led_by_the_office(supervised, officer):
    assert supervised.person.sex == "F"
    with pytest.raises(StepError) as exc:
        _team(supervised, officer, [("李强", "office", "M"), ("王伟", "committee", "M")])
    assert exc.value.field == "members" and "第二十五条" in exc.value.message
    with pytest.raises(StepError) as exc:
        _team(supervised, officer, [("李芳", "committee", "F")])
    assert exc.value.field == "members"
    assert not TeamMember.objects.exists()
    _team(supervised, officer, [("李强", "office", "M"), ("李芳", "committee", "F")])
    assert supervised.team.filter(until__isnull=True).count() == 2
    _team(supervised, officer, [("赵敏", "office", "F")], on=date(2024, 4, 1))  # a new team replaces the old one
    assert list(supervised.team.filter(until__isnull=True).values_list("name", flat=True)) == ["赵敏"]
    assert supervised.team.filter(until=date(2024, 4, 1)).count() == 2
    assert audit.events_for(supervised).filter(action="correction.team_set").count() == 2


def test_a_minors_team_needs_a_person_familiar_with_minors(notice, officer):
    case = notice(id_number="110105200801010014")  # born 2008, sixteen when the judgment took effect; a boy
    WORKFLOW.run(case, "report_in", by=officer, on=date(2024, 3, 8), data={"identity_checked": True})
    with pytest.raises(StepError) as exc:
        _team(case, officer, [("李强", "office", "M"), ("王父", "guardian", "M")])
    assert "第五十二条" in exc.value.message
    _team(case, officer, [("李强", "office", "M"), ("王父", "guardian", "M"), ("陈老师", "juvenile", "F")])


def test_the_team_form_reads_one_member_a_line_and_says_what_is_wrong(supervised, officer, english):
    from sifa.correction.forms import TeamForm

    form = TeamForm({"version": supervised.version, "on": "2024-03-08",
                     "members": "李强，Justice office staff，男\n李芳, Residents' or villagers' committee, 女"},
                    case=supervised, user=officer)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["members"] == [("李强", "office", "M"), ("李芳", "committee", "F")]
    bad = TeamForm({"version": supervised.version, "on": "2024-03-08", "members": "李强，队长，男"},
                   case=supervised, user=officer)
    assert not bad.is_valid() and "Line 1" in bad.errors["members"][0]


def test_the_sweep_opens_a_search_and_the_search_is_closed_with_its_measures(supervised, officer):
    c = contacts.current(supervised)
    assert c.lost_after == date(2024, 3, 22)
    assert tasks.run_sweep(date(2024, 3, 23)) == {"lost": 1, "missed": 0}
    s = Search.objects.get(supervisee=supervised)
    assert (s.lost_since, s.started_on, s.found_on, s.contact_id) == (date(2024, 3, 23), date(2024, 3, 23), None, c.pk)
    assert tasks.run_sweep(date(2024, 3, 24)) == {"lost": 0, "missed": 0}  # nothing new, no second search
    assert Search.objects.count() == 1
    assert audit.AuditEvent.objects.filter(action="correction.swept").count() == 1
    with pytest.raises(StepError):
        WORKFLOW.run(supervised, "search_result", by=officer, on=date(2024, 3, 20),
                     data={"outcome": "returned", "measures": "电话联系家属"})
    WORKFLOW.run(supervised, "search_result", by=officer, on=date(2024, 3, 25),
                 data={"outcome": "refusing", "measures": "会同派出所上门查找，在其亲属家找到", "police_assisted": True})
    s.refresh_from_db()
    assert s.found_on == date(2024, 3, 25) and s.outcome == "refusing" and s.police_assisted and s.days_out == 2
    assert "search_result" not in {t.name for t in WORKFLOW.available(supervised, officer)}


def test_a_contact_met_after_loss_closes_the_search_even_before_the_sweep(supervised, officer):
    WORKFLOW.run(supervised, "record_contact", by=officer, on=date(2024, 3, 25), data={"method": "in_person"})
    s = Search.objects.get(supervisee=supervised)
    assert s.found_on == date(2024, 3, 25) and s.outcome == "returned"
    assert Contact.objects.get(met_on=date(2024, 3, 25)).lost


def test_the_sweep_runs_as_a_daily_task_and_a_command(supervised):
    from django_tasks_db.models import DBTaskResult

    assert tasks.sweep_supervision.call(today="2024-03-23") == {"lost": 1, "missed": 0}
    out = StringIO()
    call_command("correction_sweep", "--date", "2024-03-24", stdout=out)
    assert "0" in out.getvalue()
    call_command("correction_sweep", "--enqueue", "--daily", "00:10", stdout=out)
    call_command("correction_sweep", "--enqueue", "--daily", "00:10", stdout=out)
    assert DBTaskResult.objects.filter(task_path=tasks.sweep_supervision.module_path).count() == 1


def test_a_change_of_place_within_the_district_moves_the_person_and_the_clocks(supervised, officer, units,
                                                                              office_officer):
    from sifa.core.models import UnitKind

    to = next(u for code, u in sorted(units.items()) if u.kind == UnitKind.JUSTICE_OFFICE
              and u.pk != supervised.unit_id)
    with pytest.raises(StepError):  # the county agency decides, not the office
        WORKFLOW.run(supervised, "transfer_within", by=office_officer, on=date(2024, 4, 1),
                     data={"to_unit": to, "reason": "迁居", "notified": True})
    t = WORKFLOW.run(supervised, "transfer_within", by=officer, on=date(2024, 4, 1),
                     data={"to_unit": to, "reason": "迁居", "notified": True})
    supervised.refresh_from_db()
    assert supervised.unit == to and supervised.state == State.SUPERVISED
    assert t.number.startswith("普司矫矫变〔2024〕") and t.from_unit_id != to.pk
    assert contacts.current(supervised).unit_id == to.pk
    assert not Supervisee.objects.visible_to(office_officer).filter(pk=supervised.pk).exists()


def test_a_change_of_place_out_of_the_district_ends_supervision_here(supervised, officer):
    WORKFLOW.run(supervised, "transfer_out", by=officer, on=date(2024, 4, 1),
                 data={"to_agency": "杭州市西湖区社区矫正管理局", "reason": "迁居杭州", "notified": True})
    supervised.refresh_from_db()
    assert supervised.state == State.TRANSFERRED and supervised.closed_on == date(2024, 4, 1)
    assert contacts.current(supervised) is None
    assert Transfer.objects.get().to_agency == "杭州市西湖区社区矫正管理局"


def test_electronic_monitoring_three_months_and_an_extension_needs_its_assessment(supervised, officer, office_officer):
    data = {"ground": "left", "approver": "张局长", "assessment": ""}
    with pytest.raises(StepError):
        WORKFLOW.run(supervised, "monitor", by=office_officer, on=date(2024, 4, 1), data=data)
    m = WORKFLOW.run(supervised, "monitor", by=officer, on=date(2024, 4, 1), data=data)
    assert (m.start, m.end) == (date(2024, 4, 1), date(2024, 7, 1))  # three months
    d = core_clocks.current(supervised, "correction.monitoring")
    assert d.due == m.end and "第二十九条" in d.basis
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(supervised, "monitor", by=officer, on=date(2024, 6, 28), data=data)
    assert exc.value.field == "assessment"
    m2 = WORKFLOW.run(supervised, "monitor", by=officer, on=date(2024, 6, 28),
                      data={**data, "assessment": "仍多次无故外出，有必要继续使用"})
    assert m2.extension_of == m and m2.start == m.end and m2.end == date(2024, 10, 8)  # 10-01..07 are holidays
    m.refresh_from_db()
    assert m.removed_on == m.end
    WORKFLOW.run(supervised, "unmonitor", by=officer, on=date(2024, 8, 1), data={})
    assert not Monitoring.objects.filter(removed_on__isnull=True).exists()
    assert core_clocks.current(supervised, "correction.monitoring") is None


def test_an_arrest_request_has_48_hours_and_the_ruling_meets_the_courts_clock(supervised, officer):
    asked = timezone.make_aware(datetime(2024, 4, 20, 10, 0))
    s = WORKFLOW.run(supervised, "sanction", by=officer, on=date(2024, 4, 20),
                     data={"kind": "revocation", "facts": "脱离监管超过一个月", "days_out": 35,
                           "arrest_requested_at": asked})
    assert s.arrest_due_at == asked + timedelta(hours=48)
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(supervised, "arrest_decision", by=officer, on=date(2024, 4, 20),
                     data={"decided_at": asked - timedelta(hours=1), "arrested": True})
    assert exc.value.field == "decided_at"
    WORKFLOW.run(supervised, "arrest_decision", by=officer, on=date(2024, 4, 21),
                 data={"decided_at": asked + timedelta(hours=30), "arrested": True})
    s.refresh_from_db()
    assert s.arrested and s.arrest_decided_at <= s.arrest_due_at
    WORKFLOW.run(supervised, "court_ruling", by=officer, on=date(2024, 5, 10),
                 data={"revoked": False, "ruling_number": "（2024）沪0107刑更1号"})
    s.refresh_from_db()
    assert s.ruled_on == date(2024, 5, 10) and s.revoked is False
    assert core_clocks.for_case(supervised).get(rule="correction.court_ruling").state == "met"
    with pytest.raises(StepError):
        WORKFLOW.run(supervised, "court_ruling", by=officer, on=date(2024, 5, 11),
                     data={"revoked": True, "ruling_number": "x"})


def test_an_arrest_is_requested_only_with_a_revocation(supervised, officer):
    with pytest.raises(StepError) as exc:
        WORKFLOW.run(supervised, "sanction", by=officer, on=date(2024, 4, 20),
                     data={"kind": "admonition", "facts": "迟报", "days_out": 0,
                           "arrest_requested_at": timezone.make_aware(datetime(2024, 4, 20, 10, 0))})
    assert exc.value.field == "arrest_requested_at"
