"""Governance's pages as the office (pufa), the leader (reads) and a handler of another division (403)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from sifa.core import clocks as core_clocks
from sifa.core import metrics
from sifa.governance import services
from sifa.governance.clocks import RECTIFICATION
from sifa.governance.models import Inspection, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspection(staff, office, units):
    insp = services.inspection_register(unit=office, by=staff, campaign="2024年专项督察", kind="enforcement",
                                        inspected=units["PT-WLJ"], visited_on=date(2024, 3, 4))
    services.finding_add(insp, by=staff, problem="笔录未载明执法证号", requirement="补正笔录")
    return insp


def _act(insp, name):
    return reverse("governance:inspection_action", args=[insp.pk, name])


def test_the_inspection_page_offers_what_its_procedure_table_allows(login, staff, users, inspection):
    client = login(staff)
    page = client.get(reverse("governance:inspection", args=[inspection.pk])).content.decode()
    assert "笔录未载明执法证号" in page and _act(inspection, "report") in page and _act(inspection, "add_finding") in page
    assert _act(inspection, "extend") not in page and _act(inspection, "report_closing") not in page
    refused = client.get(_act(inspection, "close_finding")).content.decode()
    assert "不能" in refused  # why it cannot be done now, in Chinese
    resp = client.post(_act(inspection, "report"), {"on": "2024-03-01", "version": inspection.version})
    assert resp.status_code == 200 and "2024-03-04" in resp.content.decode()  # not before the inspection
    resp = client.post(_act(inspection, "report"), {"on": "2024-03-08", "version": inspection.version})
    assert resp.status_code == 302
    inspection.refresh_from_db()
    assert inspection.state == "rectifying"
    for kind, words in (("report", "笔录未载明执法证号"), ("rectification_notice", "区文旅局")):
        doc = client.get(reverse("governance:document", args=[inspection.pk, kind]))
        assert doc.status_code == 200
        text = "\n".join(p.text for p in Document(io.BytesIO(doc.content)).paragraphs)
        tables = " ".join(c.text for t in Document(io.BytesIO(doc.content)).tables for r in t.rows for c in r.cells)
        assert words in text + tables and inspection.report_number in text
    f = inspection.findings.get()
    page = client.get(reverse("governance:inspection", args=[inspection.pk])).content.decode()
    assert _act(inspection, "extend") in page and _act(inspection, "report") not in page
    # the rectification extension: the approver and the reason, within the rule's sixty days
    resp = client.post(_act(inspection, "extend"), {"on": "2024-03-10", "version": inspection.version,
                                                    "finding": f.pk, "days": 90, "approver": "张主任",
                                                    "reason": "涉及系统改造"})
    assert resp.status_code == 200 and "days" in resp.context["form"].errors
    resp = client.post(_act(inspection, "extend"), {"on": "2024-03-10", "version": inspection.version,
                                                    "finding": f.pk, "days": 20, "approver": "张主任",
                                                    "reason": "涉及系统改造"})
    assert resp.status_code == 302
    d = core_clocks.current(f, RECTIFICATION)
    assert d.extensions[0]["days"] == 20 and d.extensions[0]["approver"] == "张主任"
    inspection.refresh_from_db()
    resp = client.post(_act(inspection, "close_finding"), {"on": "2024-03-20", "version": inspection.version,
                                                           "finding": f.pk, "outcome": "已补正"})
    assert resp.status_code == 302
    inspection.refresh_from_db()
    f.refresh_from_db()
    assert inspection.state == "closed" and inspection.closed_on == date(2024, 3, 20) and f.rectified_in_time
    page = client.get(reverse("governance:inspection", args=[inspection.pk])).content.decode()
    assert "/act/" not in page and "延长整改期限：涉及系统改造" in page  # the timeline reads the extension in Chinese
    # the leader reads the page but is offered no action, and its pages are hidden from them
    leader = login(users["leader"])
    assert "/act/" not in leader.get(reverse("governance:inspection", args=[inspection.pk])).content.decode()
    assert leader.get(_act(inspection, "extend")).status_code == 403


def test_a_topic_is_approved_and_concluded_through_its_table(login, staff, office, units):
    from sifa.governance.models import TopicStatus

    topic = services.topic_propose(unit=office, by=staff, year=2024, title="基层治理课题", lead=units["PT-SFJ"],
                                   on=date(2024, 3, 1))
    client = login(staff)
    url = reverse("governance:topic", args=[topic.pk])
    act = lambda name: reverse("governance:topic_action", args=[topic.pk, name])  # noqa: E731
    page = client.get(url).content.decode()
    assert act("approve") in page and act("reject") in page and act("conclude") not in page
    resp = client.post(act("approve"), {"on": "2024-04-01", "version": topic.version, "approved_by": ""})
    assert resp.status_code == 200 and "approved_by" in resp.context["form"].errors
    assert client.post(act("approve"), {"on": "2024-04-01", "version": topic.version,
                                        "approved_by": "市委依法治市办"}).status_code == 302
    topic.refresh_from_db()
    assert topic.status == TopicStatus.APPROVED and topic.approved_on == date(2024, 4, 1)
    assert client.post(act("conclude"), {"on": "2024-12-01", "version": topic.version}).status_code == 302
    topic.refresh_from_db()
    assert topic.status == TopicStatus.CONCLUDED and topic.concluded_on == date(2024, 12, 1)


def test_a_new_task_form_refuses_bad_input_and_keeps_it(login, staff, units):
    client = login(staff)
    resp = client.post(reverse("governance:task_new"), {"year": 2024, "title": "示范创建", "due_on": "",
                                                        "responsible": units["PT-SFJ"].pk})
    assert resp.status_code == 200 and "示范创建" in resp.content.decode() and not Task.objects.exists()
    resp = client.post(reverse("governance:task_new"), {"year": 2024, "title": "示范创建", "due_on": "2024-06-30",
                                                        "responsible": units["PT-SFJ"].pk,
                                                        "assisting": [units["PT-JDB-CSL"].pk]})
    assert resp.status_code == 302 and Task.objects.get().assisting.count() == 1


def test_lists_filter_sort_export_and_show_the_rows_behind_a_figure(login, staff, inspection, users, units):
    services.inspection_register(unit=inspection.unit, by=staff, campaign="2024年规划督察", kind="plan",
                                 inspected=units["PT-FGJ"], visited_on=date(2024, 3, 5))
    client = login(staff)
    page = client.get(reverse("governance:inspections") + "?kind=plan&sort=visited")
    assert "区房管局" in page.content.decode() and "区文旅局" not in page.content.decode()
    behind = client.get(reverse("governance:inspections") + "?metric=governance.agencies_inspected"
                        "&from=2024-01-01&to=2024-12-31")
    assert "区文旅局" in behind.content.decode() and "区房管局" not in behind.content.decode()
    follow = client.get(reverse("governance:figure") + "?metric=governance.agencies_inspected&from=2024-01-01")
    assert follow.status_code == 302 and follow["Location"].startswith(reverse("governance:inspections"))
    export = client.get(reverse("governance:inspections") + "?export=xlsx")
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert metrics.metric("governance.agencies_inspected").model == "governance.Inspection"
    assert Inspection.objects.count() == 2


def test_the_leader_reads_and_a_handler_of_another_division_is_refused(login, users, inspection):
    assert login(users["leader"]).get(reverse("governance:inspection", args=[inspection.pk])).status_code == 200
    assert login(users["leader"]).get(reverse("governance:inspection_new")).status_code == 403
    assert login(users["handler"]).get(reverse("governance:list")).status_code == 403


def test_a_unit_is_self_assessed_then_scored_on_its_page_and_the_results_download(login, staff, office, units):
    from decimal import Decimal

    from sifa.governance import assessment as ga

    scheme = ga.scheme_publish(unit=office, by=staff, year=2024, title="考核细则", published_on=date(2024, 3, 1),
                               items=[ga.Item("1", "依法行政"), ga.Item("1.1", "合法性审查", Decimal(100), Decimal(5),
                                                                      Decimal(20), parent="1"),
                                      ga.Item("2", "否决"), ga.Item("2.1", "重大违法", veto=True, parent="2")])
    a = ga.assessment_open(scheme, by=staff, assessed=units["PT-WLJ"])
    client = login(staff)
    url = reverse("governance:assessment", args=[a.pk])
    resp = client.post(url, {"on": "2024-12-20", "version": a.version, "occ_1.1": "1", "evidence_1.1": "台账"})
    assert resp.status_code == 302
    a.refresh_from_db()
    assert a.self_total == Decimal("95.00")
    resp = client.post(url, {"on": "2024-12-10", "version": a.version, "occ_1.1": "5", "note_1.1": "",
                             "veto_2.1": "", "note_2.1": ""})
    a.refresh_from_db()
    assert resp.status_code == 200 and a.scored_on is None  # dated before the self-assessment: refused
    resp = client.post(url, {"on": "2024-12-30", "version": a.version, "occ_1.1": "5", "note_1.1": "五次未审查"})
    assert resp.status_code == 302
    a.refresh_from_db()
    assert (a.total, a.rank, a.passed) == (Decimal("80.00"), 1, True)  # 100 - min(20, 25)
    assert "区文旅局" in client.get(reverse("governance:scheme", args=[scheme.pk])).content.decode()
    doc = client.get(reverse("governance:scheme_results", args=[scheme.pk]))
    cells = [c.text for t in Document(io.BytesIO(doc.content)).tables for row in t.rows for c in row.cells]
    assert "区文旅局" in cells and "80.00" in cells and "合格" in cells


def test_an_inspection_is_corrected_with_a_reason_until_its_report_names_it(login, staff, inspection, units):
    client = login(staff)
    url = reverse("core:case_correct", args=["governance", "inspection", inspection.pk])
    assert url in client.get(reverse("governance:inspection", args=[inspection.pk])).content.decode()
    form = {"campaign": "2024年行政执法专项督察", "kind": "enforcement", "inspected": units["PT-WLJ"].pk,
            "visited_on": "2024-03-05", "summary": "", "version": inspection.version}
    assert client.post(url, {**form, "reason": ""}).status_code == 200  # a reason is required
    assert client.post(url, {**form, "reason": "督察日期录入错误"}).status_code == 302
    inspection.refresh_from_db()
    assert inspection.visited_on == date(2024, 3, 5) and inspection.campaign == "2024年行政执法专项督察"
    services.inspection_report(inspection, by=staff, on=date(2024, 3, 8))
    inspection.refresh_from_db()
    page = client.get(url)
    assert page.context["form"].fields["visited_on"].disabled and page.context["form"].fields["inspected"].disabled


def test_a_task_already_on_the_list_is_warned_of_and_may_be_registered_anyway(login, staff, office, units):
    services.task_create(unit=office, by=staff, year=2024, title="示范创建", responsible=units["PT-SFJ"],
                         due_on=date(2024, 6, 30))
    client = login(staff)
    data = {"year": 2024, "title": "示范创建", "due_on": "2024-09-30", "responsible": units["PT-SFJ"].pk}
    resp = client.post(reverse("governance:task_new"), data)
    assert resp.status_code == 200 and resp.context["form"].duplicates and Task.objects.count() == 1
    assert Task.objects.get().get_absolute_url() in resp.content.decode()  # a link to the earlier record
    assert client.post(reverse("governance:task_new"), {**data, "register_anyway": "on"}).status_code == 302
    assert Task.objects.count() == 2
