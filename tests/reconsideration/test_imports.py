"""The import of reconsideration applications (docs/import.md): each row's acts checked against the procedure,
numbers continuing the office's series, the clocks the line's rules give each case, one audit event per
application, all or nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from sifa.core import audit, clocks, imports
from sifa.core.models import AuditEvent, NumberSeries
from sifa.core.models.clocks import DeadlineState
from sifa.reconsideration import clocks as rules
from sifa.reconsideration.imports import COLUMNS
from sifa.reconsideration.models import Application, State
from tests.import_files import in_chinese, spreadsheet_row, write_xlsx  # noqa: F401  (in_chinese: autouse)

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in COLUMNS]


DEFAULTS = {"收到日期": "2024-03-04", "复议机构": "PT-SFJ-FY", "申请人": "钱某", "被申请人": "PT-SCJG",
            "被申请行为": "罚款处罚", "复议请求": "撤销该处罚决定"}


def row(**cells) -> list:
    return spreadsheet_row(HEADERS, DEFAULTS, cells)


def xlsx(path, rows):
    return write_xlsx(path, HEADERS, rows)


def run(path, user):
    return imports.run(imports.importer("applications"), path, by=user)


def _state(app, rule):
    d = clocks.for_case(app).get(rule=rule)
    return d.state, d.met_on


def test_applications_are_written_with_their_acts_numbers_and_clocks(tmp_path, make_app, handler):
    make_app()  # the office's series for 2024 has reached 1
    path = xlsx(tmp_path / "applications.xlsx", [
        row(申请人="甲一、甲二", 行为类别="行政处罚", 涉及领域="交通"),
        row(申请人="乙", 审查结果="受理", 审查日期="2024-03-06", 审理程序="简易程序", 简易程序理由="当场作出"),
        row(申请人="丙", 审查结果="受理", 审查日期=date(2024, 3, 6), 审结方式="决定", 决定类型="撤销",
            审结日期="2024-04-20", 送达日期="2024-04-23"),
        row(申请人="丁", 审查结果="不予受理", 审查日期="2024-03-07", 不予受理理由="超过申请期限"),
        row(申请人="戊", 收到日期="2023-11-01", 审查结果="受理", 审查日期="2023-11-03", 审结方式="和解后撤回",
            审结日期="2023-12-01"),
    ])
    report = run(path, handler)
    assert report.ok and report.written == 5, report.text()
    apps = list(Application.objects.filter(parties__party__name__in=["甲一", "乙", "丙", "丁", "戊"]).distinct()
                .order_by("pk"))
    assert [a.state for a in apps] == [State.RECEIVED, State.HEARING, State.SERVED, State.NOT_ACCEPTED,
                                       State.TERMINATED]
    received, simplified, decided, refused, settled = apps
    assert [a.number for a in apps[:4]] == [f"普府复〔2024〕{n}号" for n in (2, 3, 4, 5)]
    assert settled.number == "普府复〔2023〕1号"
    assert NumberSeries.objects.get(kind="reconsideration.case", unit=received.unit, year=2024).last == 5
    assert received.parties.count() == 2 and received.act_kind_id == "penalty" and received.subject_area.name == "交通"
    assert received.respondent.code == "PT-SCJG" and received.handler == handler
    # the clocks the line's services would leave
    review = clocks.for_case(received).get(rule=rules.ACCEPTANCE_REVIEW)
    assert review.due == date(2024, 3, 11) and review.state in (DeadlineState.RUNNING, DeadlineState.OVERDUE)
    assert _state(simplified, rules.ACCEPTANCE_REVIEW) == (DeadlineState.MET, date(2024, 3, 6))
    # 30 days end on 5 April, in the Qingming holiday; Sunday 7 April was a working day (调休)
    assert clocks.current(simplified, rules.DECISION_SIMPLIFIED).due == date(2024, 4, 7)
    assert clocks.current(simplified, rules.COPY_SIMPLIFIED) is not None
    assert _state(decided, rules.DECISION_ORDINARY) == (DeadlineState.MET, date(2024, 4, 20))
    assert not clocks.for_case(decided).filter(state__in=clocks.OPEN_STATES).exists()
    assert decided.direct_correction and decided.served_on == date(2024, 4, 23)
    assert _state(refused, rules.ACCEPTANCE_REVIEW) == (DeadlineState.MET, date(2024, 3, 7))
    assert refused.closed_on == date(2024, 3, 7) and refused.not_accepted_reason == "超过申请期限"
    assert settled.outcome == "settlement" and settled.termination_ground == "1"
    assert clocks.for_case(settled).get(rule=rules.DECISION_ORDINARY).basis.startswith("行政复议法（2017年修正）")
    events = AuditEvent.objects.filter(action="reconsideration.imported", object_id=str(decided.pk))
    assert [s["step"] for s in events.get().payload["path"]] == ["register", "accept", "decide", "serve"]
    assert audit.verify().ok


def test_each_rows_acts_are_checked_against_the_procedure_and_nothing_is_written(tmp_path, handler):
    path = xlsx(tmp_path / "applications.xlsx", [
        row(),
        row(审查结果="不予受理", 审查日期="2024-03-05", 不予受理理由="x", 审结方式="决定", 决定类型="维持",
            审结日期="2024-04-01"),  # a decision on an application not accepted
        row(审查结果="受理", 审查日期="2024-03-01"),  # accepted before it was received
        row(收到日期="2023-06-01", 审查结果="受理", 审查日期="2023-06-02", 审理程序="简易程序", 简易程序理由="当场作出"),
        row(审结方式="决定", 审结日期="2024-04-01"),
        row(被申请人="PT-TWH-CSL", 复议机构="PT-SFS-CSL", 重大复杂="也许"),
    ])
    before = Application.objects.count()
    report = run(path, handler)
    assert Application.objects.count() == before and report.written == 0
    lines = report.text().splitlines()
    assert lines[0].startswith("共6行，发现")
    assert any(line.startswith("第3行：") and "决定" in line for line in lines)
    assert "第4行：“受理”的日期不能早于2024-03-04。" in lines
    assert any(line.startswith("第5行：") and "简易程序" in line for line in lines)
    assert "第6行「决定类型」：必填，不能为空。" in lines
    assert any(line.startswith("第7行「复议机构」：") for line in lines)
    assert any(line.startswith("第7行「被申请人」：") for line in lines)
    assert "第7行「重大复杂」：“也许”不是可选值（是、否）。" in lines


def test_only_the_offices_people_may_import_its_applications(tmp_path, users, login, client):
    path = xlsx(tmp_path / "applications.xlsx", [row()])
    report = run(path, users["yingsu"])  # 行政应诉科: not the reconsideration office
    assert report.written == 0 and report.errors[0].column == "复议机构"
    html = login(users["handler"]).get(reverse("reconsideration:list")).content.decode()
    assert reverse("import_new", args=["applications"]) in html
    client.logout()
    assert login(users["mediator"]).get(reverse("import_new", args=["applications"])).status_code == 403


def test_the_template_imports_as_it_is_and_the_cli_reports(tmp_path, handler, login):
    resp = login(handler).get(reverse("import_template", args=["applications"]))
    path = tmp_path / "template.xlsx"
    path.write_bytes(resp.content)
    assert [c.value for c in load_workbook(path).active[1]] == HEADERS
    out = io.StringIO()
    call_command("import", "applications", str(path), "--user", "handler", stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == "已导入1条记录。"
    bad = xlsx(tmp_path / "bad.xlsx", [row(复议请求="")])
    with pytest.raises(CommandError, match="第2行「复议请求」：必填，不能为空。") as info:
        call_command("import", "applications", str(bad), "--user", "handler", stderr=io.StringIO())
    assert info.value.returncode == 1


def test_each_rows_acts_are_checked_once(tmp_path, handler, monkeypatch):
    from sifa.reconsideration import services

    checked = []
    check = services.application_record_check
    monkeypatch.setattr(services, "application_record_check", lambda r: checked.append(r.applicants) or check(r))
    path = xlsx(tmp_path / "applications.xlsx", [row(申请人="甲"), row(申请人="乙", 审查结果="受理", 审查日期="2024-03-05")])
    assert run(path, handler).ok
    assert checked == [["甲"], ["乙"]]  # by the import, row by row; not again by the batch writer
