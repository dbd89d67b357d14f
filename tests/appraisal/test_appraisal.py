"""Forensic appraisal: the monthly reports (import through core.imports, a month reported again replaces its
figures), rectification proposals followed up until closed, credit grades, complaints on the core kit, the pages."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from sifa.appraisal import imports, services
from sifa.appraisal.models import AppraisalComplaint, CommissionReport, ProposalState
from sifa.appraisal.workflow import KIT
from sifa.core import clocks, metrics
from sifa.core import imports as core_imports
from sifa.core.workflow import StepError

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_monthly_reports_sum_to_the_figure_and_a_month_reported_again_is_replaced(institution, staff):
    R = services.ReportRecord
    services.reports_import(records=[R(institution.pk, date(2024, 1, 1), 800, 780), R(institution.pk, date(2024, 2, 1), 700)],
                            by=staff)
    assert metrics.compute(date(2024, 1, 1), date(2024, 12, 31), lines=["appraisal"])["appraisal.commissions"] == 1500
    new, replaced = services.reports_import(records=[R(institution.pk, date(2024, 2, 1), 720)], by=staff)
    assert (new, replaced) == (0, 1) and CommissionReport.objects.count() == 2
    assert metrics.compute(date(2024, 1, 1), date(2024, 12, 31), lines=["appraisal"])["appraisal.commissions"] == 1520
    with pytest.raises(StepError):
        services.reports_import(records=[R(institution.pk, date(2024, 3, 5), 1)], by=staff)
    with pytest.raises(StepError):
        services.reports_import(records=[R(institution.pk, date(2024, 3, 1), 10, 5, 6)], by=staff)
    assert CommissionReport.objects.count() == 2  # nothing half-written


def test_the_importer_checks_every_row_and_writes_all_or_nothing(tmp_path, institution, staff, users):
    head = "机构执业证号,月份,受理委托数,完成鉴定数,超期完成数\n"

    def run(body, user=staff):
        path = tmp_path / "reports.csv"
        path.write_text(head + body, encoding="utf-8-sig")
        return core_imports.run(core_imports.importer(imports.IMPORTER.kind), path, by=user)

    report = run("310107000099,2024-03-15,820,790,0\n310107000099,2024-04-01,700,,\n")
    assert not report.errors and report.written == 2
    assert CommissionReport.objects.get(month=date(2024, 3, 1)).accepted == 820
    bad = run("310107000099,2024-05-01,abc,,\n999,2024-05-01,1,,\n")
    assert {e.column for e in bad.errors} == {"受理委托数", "机构执业证号"} and CommissionReport.objects.count() == 2
    outsider = run("310107000099,2024-06-01,5,,\n", users["legalaid"])
    assert outsider.errors and CommissionReport.objects.count() == 2  # not an institution the user supervises


def test_a_proposal_is_followed_up_until_closed(division, institution, staff):
    prop = services.proposal_issue(unit=division, by=staff, institution=institution, issued_on=date(2024, 3, 4),
                                   findings="案卷材料流转记录不完整", requirements="完善案卷管理制度")
    d = clocks.for_case(prop).get()
    assert d.due == date(2024, 4, 3) and "整改" in d.basis
    services.proposal_step(prop, "follow_up", by=staff, on=date(2024, 3, 20), data={"note": "已制定整改方案"})
    with pytest.raises(StepError):
        services.proposal_step(prop, "close", by=staff, on=date(2024, 3, 28), data={"note": " "})
    services.proposal_step(prop, "close", by=staff, on=date(2024, 3, 28), data={"note": "复查到位"})
    prop.refresh_from_db()
    assert prop.state == ProposalState.RECTIFIED and prop.rectified_in_time and "已制定整改方案" in prop.follow_up
    assert clocks.for_case(prop).get().state == "met"


def test_credit_grades_once_a_year(institution, staff):
    services.grade_record(institution, year=2023, grade="A", on=date(2024, 3, 1), by=staff)
    with pytest.raises(StepError):
        services.grade_record(institution, year=2023, grade="B", on=date(2024, 3, 2), by=staff)
    with pytest.raises(StepError):
        services.grade_record(institution, year=2022, grade="E", on=date(2024, 3, 2), by=staff)
    assert metrics.compute(date(2024, 1, 1), date(2024, 12, 31), lines=["appraisal"])["appraisal.grade_a"] == 1


def test_complaints_use_the_kits_periods_of_appraisal(division, institution, staff):
    c = services.complaint_register(unit=division, by=staff, received_on=date(2024, 3, 4), channel="online",
                                    complainant="孙投诉", matter="鉴定超期", respondent_institution=institution)
    d = clocks.for_case(c).get(rule=KIT.ACCEPTANCE)
    assert (d.length, d.count_unit, d.due) == (7, "working_days", date(2024, 3, 13))
    services.complaint_step(c, "accept", by=staff, on=date(2024, 3, 6))
    services.complaint_step(c, "decide", by=staff, on=date(2024, 4, 1),
                            data={"outcome": "no_violation", "findings": "未发现违规。"})
    services.complaint_step(c, "reply", by=staff, on=date(2024, 4, 3))
    c.refresh_from_db()
    assert c.replied_in_time is True
    v = metrics.compute(date(2024, 1, 1), date(2024, 12, 31), lines=["appraisal"])
    assert v["appraisal.complaints_concluded_rate"] == 100 and v["appraisal.complaints_no_violation"] == 1


def test_the_pages(login, staff, division, institution, users):
    prop = services.proposal_issue(unit=division, by=staff, institution=institution, issued_on=date(2024, 3, 4),
                                   findings="鉴定文书复核签名不规范", requirements="规范复核签名")
    client = login(staff)
    assert institution.name in client.get(reverse("appraisal:list")).content.decode()
    page = client.get(prop.get_absolute_url()).content.decode()
    assert "机构整改期限" in page and "登记跟踪情况" in page
    doc = client.get(reverse("appraisal:proposal_document", args=[prop.pk, "proposal"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(doc.content)).paragraphs)
    assert "整改建议书" in text and "鉴定文书复核签名不规范" in text and prop.number in text
    resp = client.post(reverse("appraisal:complaint_new"), {
        "received_on": "2024-03-04", "channel": "phone", "complainant": "钱投诉", "complainant_address": "",
        "respondent_institution": institution.pk, "matter": "鉴定收费不规范"})
    c = AppraisalComplaint.objects.get()
    assert resp.status_code == 302 and "鉴定收费不规范" in client.get(c.get_absolute_url()).content.decode()
    resp = client.get(reverse("appraisal:list"), {"metric": "appraisal.proposals", "from": "2024-01-01",
                                                  "to": "2024-12-31"})
    assert resp.status_code == 302 and reverse("appraisal:proposals") in resp["Location"]
    assert prop.number in client.get(resp["Location"]).content.decode()
    assert login(users["leader"]).get(prop.get_absolute_url()).status_code == 200
    assert login(users["handler"]).get(prop.get_absolute_url()).status_code == 403
