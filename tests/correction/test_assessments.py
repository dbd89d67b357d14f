"""调查评估 (社区矫正法 第十八条): a commission registered with its time limit as a clock with its legal basis, answered
by the opinion, on pages only the correction staff see, every view audited; and the resettlement follow-up pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from sifa.core import audit
from sifa.core import clocks as core_clocks
from sifa.core.models import AuditEvent
from sifa.core.workflow import StepError
from sifa.correction import assessments, services
from sifa.correction.models import Aftercare, Assessment, AssessmentState, Release

pytestmark = pytest.mark.django_db


def _commission(office, officer, **kw):
    args = dict(unit=office, by=officer, name="钱被告", id_number="11010519491231002X", commissioning_organ="court",
                commissioning_body="上海市普陀区人民法院", commission_number="（2024）沪0107刑初55号", offence="盗窃罪",
                proposed_kind="probation", received_on=date(2024, 3, 4))
    args.update(kw)
    return assessments.register(**args)


def test_a_commission_runs_ten_working_days_with_its_legal_basis(office, officer):
    a = _commission(office, officer)
    d = core_clocks.current(a, "correction.assessment")
    assert a.due_on == d.due == date(2024, 3, 18)  # ten working days from Monday 2024-03-04
    assert "第十八条" in d.basis and "十个工作日" in d.basis
    assert "矫评〔2024〕" in a.number and a.state == AssessmentState.PENDING
    fast = _commission(office, officer, commission_number="（2024）沪0107刑初56号", expedited=True)
    assert fast.due_on == date(2024, 3, 11)  # five working days in the fast-track procedure
    with pytest.raises(StepError) as exc:
        _commission(office, officer)
    assert exc.value.field == "commission_number"


def test_the_district_may_set_its_own_period(office, officer):
    from sifa.core import district

    district.put("correction.assessment_days", "15")
    assert _commission(office, officer).due_on == date(2024, 3, 25)


def test_the_opinion_meets_the_clock_and_closes_the_commission(office, officer):
    a = _commission(office, officer)
    with pytest.raises(StepError):
        assessments.WORKFLOW.run(a, "submit", by=officer, on=date(2024, 3, 1),
                                 data={"opinion": "suitable", "findings": "x"})
    assessments.WORKFLOW.run(a, "submit", by=officer, on=date(2024, 3, 15),
                             data={"opinion": "unsuitable", "findings": "无固定住所，家庭无监护条件"})
    a.refresh_from_db()
    assert a.state == AssessmentState.SUBMITTED and a.opinion == "unsuitable" and a.closed_on == date(2024, 3, 15)
    assert core_clocks.for_case(a).get().state == "met"
    assert audit.events_for(a).filter(action="correction.assessment.submitted").exists()


def test_the_pages_register_list_and_show_an_assessment_and_the_view_is_audited(login, officer, office, users):
    client = login(officer)
    resp = client.post(reverse("correction:assessment_new"), {
        "name": "钱被告", "id_number": "11010519491231002X", "commissioning_organ": "court",
        "commissioning_body": "上海市普陀区人民法院", "commission_number": "（2024）沪0107刑初57号", "offence": "盗窃罪",
        "proposed_kind": "probation", "received_on": "2024-03-04", "unit": office.pk})
    a = Assessment.objects.get()
    assert resp.status_code == 302 and resp["Location"] == a.get_absolute_url()
    page = client.get(reverse("correction:assessments") + "?overdue=1&sort=due").content.decode()
    assert a.number in page and "002X" not in page and "已超期" in page
    assert client.get(reverse("correction:assessments") + "?export=xlsx").status_code == 200
    page = client.get(a.get_absolute_url()).content.decode()
    assert "第十八条" in page and "2024-03-18" in page
    assert AuditEvent.objects.filter(action="correction.assessment.viewed", object_id=str(a.pk)).exists()
    resp = client.post(reverse("correction:assessment_action", args=[a.pk, "submit"]), {
        "version": a.version, "on": "2024-03-15", "opinion": "suitable", "findings": "有固定住所，家属愿意监护"})
    a.refresh_from_db()
    assert resp.status_code == 302 and a.state == AssessmentState.SUBMITTED
    bad = client.post(reverse("correction:assessment_new"), {"name": "", "received_on": "2099-01-01"})
    assert bad.status_code == 200 and Assessment.objects.count() == 1
    assert login(users["zhangsan"] if "zhangsan" in users else users["leader"]).get(
        reverse("correction:assessments")).status_code == 403


def test_a_released_person_is_visited_helped_and_a_reoffence_recorded(login, officer, office):
    r = services.release_register(unit=office, by=officer, name="孙释放", prison="上海市提篮桥监狱",
                                  notice_received_on=date(2024, 2, 1), release_on=date(2024, 3, 1))
    client = login(officer)
    resp = client.post(r.get_absolute_url(), {"form": "aftercare", "kind": "employment", "on": "2024-03-10",
                                              "note": "推荐至街道就业服务站"})
    assert resp.status_code == 302 and Aftercare.objects.get().kind == "employment"
    bad = client.post(r.get_absolute_url(), {"form": "aftercare", "kind": "visit", "on": "2024-02-01",
                                             "note": "回访"})
    assert bad.status_code == 200 and Aftercare.objects.count() == 1  # before the release: refused on the field
    resp = client.post(r.get_absolute_url(), {"form": "reoffended", "version": r.version,
                                              "reoffended_on": "2024-06-01"})
    r.refresh_from_db()
    assert resp.status_code == 302 and r.reoffended_on == date(2024, 6, 1)
    page = client.get(r.get_absolute_url()).content.decode()
    assert "推荐至街道就业服务站" in page and "2024-06-01" in page
    assert audit.events_for(r).filter(action="correction.release.reoffended").exists()
    with pytest.raises(StepError):
        services.release_reoffended(Release.objects.get(), by=officer, on=date(2024, 7, 1))


def test_every_assessment_step_has_an_event_name():
    from sifa.core import events

    for code in assessments.WORKFLOW.event_codes():
        assert events.kind(code) is not None, code
