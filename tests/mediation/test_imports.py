"""The dispute import (docs/import.md): the documented columns, the line's procedure checked on every row, numbers
continuing the committee's series, the audit chain intact, the upload page reachable from the list."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from sifa.core import audit, imports
from sifa.core.models import AuditEvent, Deadline, NumberSeries
from sifa.mediation.imports import COLUMNS
from sifa.mediation.models import Agreement, Dispute, DisputeState, MediationSession
from tests.import_files import in_chinese, spreadsheet_row, write_xlsx  # noqa: F401  (in_chinese: autouse)

pytestmark = pytest.mark.django_db

HEADERS = [c.header for c in COLUMNS]


DEFAULTS = {"登记日期": "2024-03-01", "调解组织": "PT-TWH-CSL", "纠纷类型": "邻里", "申请人": "王甲",
            "对方当事人": "李乙、赵丙"}


def row(**cells) -> list:
    return spreadsheet_row(HEADERS, DEFAULTS, cells)


def xlsx(path, rows):
    return write_xlsx(path, HEADERS, rows)


def run(path, user):
    return imports.run(imports.importer("disputes"), path, by=user)


def test_a_file_of_disputes_is_written_through_the_lines_batch_writer(tmp_path, users, make_dispute, neighbour_type):
    make_dispute(on=date(2024, 2, 1))  # the committee's series has reached 1
    path = xlsx(tmp_path / "disputes.xlsx", [
        row(申请人="冯甲"),
        row(申请人="钱丁", 受理日期=date(2024, 3, 2), 调解日期="2024-03-04、2024-03-06", 调解结果="调解成功",
            办结日期="2024-03-06", 协议形式="书面", 涉及金额="3,000.50", 履行情况="已履行", 履行日期="2024-03-20"),
        row(申请人="孙戊", 受理日期="2024/3/2", 调解日期="2024-03-05", 调解结果="调解不成功", 办结日期="2024-03-05",
            告知途径="诉讼、仲裁"),
        row(申请人="周己", 调解类型="诉前调解", 委派法院="PT-FY", 法院案号="(2024)沪0107民诉前调1号", 受理日期="2024-03-01"),
    ])
    report = run(path, users["mediator"])
    assert report.ok and report.written == 4, report.text()
    disputes = list(Dispute.objects.filter(dispute_parties__party__name__in=["冯甲", "钱丁", "孙戊", "周己"],
                                           dispute_parties__role="applicant").order_by("pk"))
    assert [d.state for d in disputes] == [DisputeState.REGISTERED, DisputeState.PERFORMED, DisputeState.FAILED,
                                           DisputeState.ACCEPTED]
    prefix = users["mediator"].primary_unit.children.get(code="PT-TWH-CSL").short_name
    assert [d.number for d in disputes[:3]] == [f"{prefix}〔2024〕{n}号" for n in (2, 3, 4)]  # the series continues
    assert disputes[3].number == f"{prefix}诉前〔2024〕1号"
    agreed = disputes[1]
    assert agreed.amount_involved == 3000.50 and agreed.parties.count() == 3
    assert Agreement.objects.get(dispute=agreed).number.endswith("协字第1号")
    assert MediationSession.objects.filter(dispute=agreed).count() == 2
    assert disputes[2].other_routes == ["court", "arbitration"]
    assert Deadline.objects.filter(object_id=disputes[3].pk, rule="mediation.court_delegated").exists()
    assert NumberSeries.objects.get(kind="mediation.dispute", unit=disputes[0].unit, year=2024).last == 4
    assert AuditEvent.objects.filter(action="mediation.dispute.imported").count() == 4
    assert AuditEvent.objects.filter(action="core.import.disputes").count() == 1
    assert audit.verify().ok


def test_every_error_is_named_by_row_and_column_and_nothing_is_written(tmp_path, users):
    path = xlsx(tmp_path / "disputes.xlsx", [
        row(),
        row(登记日期="2024-02-30"),
        row(调解组织="PT-TWH-CYXC"),  # another street's committee: not the mediator's
        row(调解结果="调解不成功", 办结日期="2024-03-05", 受理日期="2024-03-01", 调解日期="2024-03-02"),
        row(受理日期="2024-02-01"),  # accepted before it was registered
        row(纠纷类型="外星纠纷", 调解类型="诉前调解"),
    ])
    before = Dispute.objects.count()
    report = run(path, users["mediator"])
    assert Dispute.objects.count() == before and report.written == 0
    lines = report.text().splitlines()
    assert lines[0] == "共6行，发现7处错误，未导入任何记录："
    assert "第3行「登记日期」：“2024-02-30”不是有效日期，请写成 YYYY-MM-DD。" in lines
    assert any(line.startswith("第4行「调解组织」：您无权登记") for line in lines)
    assert "第5行「告知途径」：调解不成功的，须写明已告知当事人的其他途径。" in lines
    assert any(line.startswith("第6行：") and "2024-03-01" in line for line in lines)  # the line's own rule
    assert "第7行「纠纷类型」：“外星纠纷”不是系统中已设置的纠纷类型。" in lines
    assert "第7行「委派法院」：必填，不能为空。" in lines and "第7行「法院案号」：必填，不能为空。" in lines


def test_a_gbk_csv_from_excel_is_imported(tmp_path, users):
    buf = io.StringIO()
    csv.writer(buf).writerows([HEADERS, row(申请人="吴庚")])
    path = tmp_path / "disputes.csv"
    path.write_bytes(buf.getvalue().encode("gbk"))
    assert run(path, users["mediator"]).written == 1
    assert Dispute.objects.filter(dispute_parties__party__name="吴庚").exists()


def test_the_template_follows_the_documented_columns_and_imports_as_it_is(tmp_path, users, login):
    resp = login(users["mediator"]).get(reverse("import_template", args=["disputes"]))
    path = tmp_path / "template.xlsx"
    path.write_bytes(resp.content)
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == HEADERS
    report = run(path, users["mediator"])
    assert report.ok and report.written == 1, report.text()


def test_the_dispute_list_offers_the_import_to_those_who_register(users, login, client):
    html = login(users["mediator"]).get(reverse("mediation:list")).content.decode()
    assert reverse("import_new", args=["disputes"]) in html
    client.logout()
    html = login(users["leader"]).get(reverse("mediation:list")).content.decode()
    assert reverse("import_new", args=["disputes"]) not in html
    assert client.get(reverse("import_new", args=["disputes"])).status_code == 403


def test_the_cli_imports_disputes_and_exits_1_on_errors(tmp_path, users):
    good = xlsx(tmp_path / "good.xlsx", [row(申请人="郑辛")])
    out = io.StringIO()
    call_command("import", "disputes", str(good), "--user", "mediator", stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == "已导入1条记录。"
    bad = xlsx(tmp_path / "bad.xlsx", [row(申请人="")])
    with pytest.raises(CommandError, match="第2行「申请人」：必填，不能为空。") as info:
        call_command("import", "disputes", str(bad), "--user", "mediator", stderr=io.StringIO())
    assert info.value.returncode == 1


def test_each_rows_path_is_checked_once_and_the_writer_alone_checks_every_record(tmp_path, users, monkeypatch,
                                                                                committee, neighbour_type):
    from sifa.mediation import services

    checked = []
    check = services.records._validate_record
    monkeypatch.setattr(services.records, "_validate_record", lambda i, r: checked.append(i) or check(i, r))
    path = xlsx(tmp_path / "disputes.xlsx", [row(申请人="冯甲"), row(申请人="钱丁", 受理日期="2024-03-02")])
    assert run(path, users["mediator"]).ok
    assert checked == [2, 3]  # by the import, row by row; not again by the batch writer
    record = services.DisputeRecord(unit=committee, dispute_type=neighbour_type, registered_on=date(2024, 3, 1),
                                    parties=["孙戊"])
    services.disputes_import(records=[record], by=None)
    assert checked == [2, 3, 1]
    with pytest.raises(ValueError):
        services.disputes_import(records=[record], by=None, states=[None])
