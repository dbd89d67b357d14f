"""File imports, the shared machinery: reading .xlsx and .csv (UTF-8 or GBK), the cell parsers and their Chinese
messages, all or nothing, the background job with its progress, its pages and their scoping, and the CLI.

A small importer of parties (name, unit code, a date) stands in for a line's importer."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from sifa.core import audit, imports
from sifa.core.imports import Column, FileRejected, Importer, Row, RowError
from sifa.core.models import AuditEvent, ImportJob, ImportJobState, Party, PartyKind, UnitKind

pytestmark = pytest.mark.django_db

COLUMNS = [Column("姓名", True, "name", "王甲"), Column("单位", True, "unit code", "PT-SFS-CSL"),
           Column("日期", False, "a day", "2024-01-02")]


def _check(r: Row, ctx, by):
    name = r.text("姓名", max_length=20)
    unit = r.unit("单位", ctx["units"], user=by)
    r.day("日期")
    return Party(kind=PartyKind.PERSON, name=name, unit=unit)


def _write(records, by):
    return Party.objects.bulk_create(records)


def _prepare(by):
    from sifa.core.models import Unit

    return {"units": {u.code: u for u in Unit.objects.all()}}


TEST_IMPORTER = Importer(kind="testparties", label="Parties", permission="core.add_party", columns=COLUMNS,
                         check=_check, write=_write, prepare=_prepare, list_url="party_list", model="core.party")


@pytest.fixture(autouse=True)
def _importer():
    imports.register(TEST_IMPORTER)
    yield
    imports._REGISTRY.pop("testparties", None)


@pytest.fixture
def chinese():
    from django.utils import translation

    with translation.override("zh-hans"):
        yield


def xlsx_bytes(rows) -> bytes:
    wb = Workbook()
    for r in rows:
        wb.active.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_bytes(rows, encoding="utf-8-sig") -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode(encoding)


def _row(cells: dict) -> tuple[Row, list[RowError]]:
    errors: list[RowError] = []
    return Row(7, cells, errors, COLUMNS), errors


# --- reading ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_a_csv_is_read_in_utf8_with_or_without_bom_and_in_gbk(tmp_path, encoding):
    path = tmp_path / "parties.csv"
    path.write_bytes(csv_bytes([["备注", "单位", "姓名"], ["无关", "PT-SFS-CSL", "王小明"], ["", "", ""],
                                ["", "PT-SFJ", "李四"]], encoding))
    rows = list(imports.read_rows(path, COLUMNS))
    assert rows == [(2, {"单位": "PT-SFS-CSL", "姓名": "王小明"}), (4, {"单位": "PT-SFJ", "姓名": "李四"})]


def test_an_xlsx_keeps_excel_date_cells_and_skips_empty_rows(tmp_path):
    path = tmp_path / "parties.xlsx"
    path.write_bytes(xlsx_bytes([["日期", "姓名", "单位"], [datetime(2024, 3, 1), "王小明", "PT-SFS-CSL"],
                                 [None, None, None], [None, "李四", "PT-SFJ"]]))
    rows = list(imports.read_rows(path, COLUMNS))
    assert [n for n, _ in rows] == [2, 4]
    row, errors = _row(rows[0][1])
    assert row.day("日期") == date(2024, 3, 1) and not errors


def test_an_xlsx_read_from_a_file_object_keeps_row_numbers_and_reads_number_cells():
    """Number cells come as floats (3000.0): text, amounts and whole numbers read them as typed; a sheet whose
    table starts in column B still numbers its rows as Excel does."""
    wb = Workbook()
    ws = wb.active
    ws["B1"], ws["C1"], ws["D1"] = "姓名", "单位", "日期"
    ws.append([None, 3000, "PT-SFS-CSL", 45352])
    ws.append([None, None, None, None])
    ws.append([None, "李四", "PT-SFJ", date(2024, 3, 1)])
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    rows = list(imports.read_rows(buf, COLUMNS, name="parties.xlsx"))
    assert [n for n, _ in rows] == [2, 4]
    row, errors = _row(rows[0][1])
    assert row.text("姓名") == "3000" and row.decimal("姓名") == 3000 and row.integer("姓名") == 3000
    assert row.day("日期") == date(2024, 3, 1) and not errors
    assert _row(rows[1][1])[0].day("日期") == date(2024, 3, 1)


@pytest.mark.usefixtures("chinese")
def test_a_file_without_a_required_column_is_refused_as_a_whole(tmp_path):
    path = tmp_path / "parties.csv"
    path.write_bytes(csv_bytes([["姓名", "日期"], ["王小明", "2024-01-01"]]))
    with pytest.raises(FileRejected, match="第1行（表头）缺少列：单位"):
        list(imports.read_rows(path, COLUMNS))


@pytest.mark.usefixtures("chinese")
def test_only_xlsx_and_csv_are_read_and_a_broken_workbook_is_refused(tmp_path):
    doc = tmp_path / "parties.docx"
    doc.write_bytes(b"x")
    with pytest.raises(FileRejected, match=r"只能导入 \.xlsx 或 \.csv 文件"):
        list(imports.read_rows(doc, COLUMNS))
    broken = tmp_path / "parties.xlsx"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(FileRejected, match="不是可读取的 .xlsx"):
        list(imports.read_rows(broken, COLUMNS))


# --- cells --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [
    ("2024-03-01", date(2024, 3, 1)), ("2024/3/1", date(2024, 3, 1)), ("2024.03.01", date(2024, 3, 1)),
    ("2024年3月1日", date(2024, 3, 1)), ("20240301", date(2024, 3, 1)), (date(2024, 3, 1), date(2024, 3, 1)),
    (datetime(2024, 3, 1, 9, 30), date(2024, 3, 1)), (45352, date(2024, 3, 1)), ("", None), (None, None)])
def test_dates_are_read_in_the_forms_staff_type_and_as_excel_cells(value, expected):
    row, errors = _row({"日期": value})
    assert row.day("日期") == expected and not errors


@pytest.mark.usefixtures("chinese")
@pytest.mark.parametrize("value", ["2024-02-30", "明天", "2024-13-01", "3/1/2024"])
def test_an_invalid_date_is_an_error_on_its_row_and_column_in_chinese(value):
    row, errors = _row({"日期": value})
    assert row.day("日期") is None
    assert [str(e) for e in errors] == [f"第7行「日期」：“{value}”不是有效日期，请写成 YYYY-MM-DD。"]


@pytest.mark.usefixtures("chinese")
def test_numbers_choices_lists_and_required_cells():
    row, errors = _row({"金额": "3,000.50", "人数": "2.5", "负数": "-1", "类型": "书面", "列表": "甲、乙,丙，丁;戊；己",
                        "坏": "abc", "整数": 4.0})
    assert row.decimal("金额") == Decimal("3000.50")
    assert row.integer("整数") == 4
    assert row.integer("人数", default=2) == 2
    assert row.decimal("负数") == Decimal(-1)
    assert row.decimal("坏") == 0
    assert row.choice("类型", {"书面": "written", "口头": "oral"}) == "written"
    assert row.choice("列表", {"书面": "written", "口头": "oral"}) is None
    assert row.names("列表") == ["甲", "乙", "丙", "丁", "戊", "己"]
    assert row.text("姓名") == ""  # required by the column spec
    assert row.text("其他", required=True) == ""
    assert [str(e) for e in errors] == [
        "第7行「人数」：“2.5”不是整数。",
        "第7行「负数」：不能小于0。",
        "第7行「坏」：“abc”不是数字。",
        "第7行「列表」：“甲、乙,丙，丁;戊；己”不是可选值（书面、口头）。",
        "第7行「姓名」：必填，不能为空。",
        "第7行「其他」：必填，不能为空。",
    ]
    assert not row.ok


@pytest.mark.usefixtures("chinese")
def test_a_unit_is_read_by_its_name_or_short_name_as_well(units):
    from sifa.core.models import Unit

    table = {u.code: u for u in units.values()}
    unit = units["PT-TWH-CSL"]
    row, errors = _row({"a": unit.name, "b": unit.short_name or unit.name, "c": "不存在的单位"})
    assert row.unit("a", table) == unit and row.unit("b", table) == unit
    assert row.unit("c", table) is None and errors[0].message == "没有代码或名称为“不存在的单位”的单位。"
    twin = Unit.objects.create(code="PT-TWIN", name=unit.name, kind=unit.kind, parent=unit.parent)
    row, errors = _row({"a": unit.name})
    assert row.unit("a", {**table, twin.code: twin}) is None  # a name two units share names neither
    assert "对应多个单位" in errors[0].message and "PT-TWIN" in errors[0].message


@pytest.mark.usefixtures("chinese")
def test_a_unit_is_read_by_code_of_the_right_kind_within_the_users_units(units, users):
    table = {u.code: u for u in units.values()}
    row, errors = _row({"a": "PT-TWH-CSL", "b": "PT-XX", "c": "PT-SFS-CSL", "d": "PT-TWH-CYXC"})
    mediator = users["mediator"]
    assert row.unit("a", table, kinds=[UnitKind.MEDIATION_COMMITTEE], user=mediator) == units["PT-TWH-CSL"]
    assert row.unit("b", table) is None
    assert row.unit("c", table, kinds=[UnitKind.MEDIATION_COMMITTEE]) is None
    assert row.unit("d", table, user=mediator) is None
    assert [e.column for e in errors] == ["b", "c", "d"]
    assert errors[0].message == "没有代码或名称为“PT-XX”的单位。"
    assert "不是人民调解委员会" in errors[1].message
    assert errors[2].message == f"您无权登记{units['PT-TWH-CYXC']}的案件。"


# --- all or nothing -----------------------------------------------------------------------------------------

@pytest.mark.usefixtures("chinese")
def test_an_error_in_row_9999_of_10000_writes_nothing_and_is_named(tmp_path, users):
    rows = [["姓名", "单位", "日期"]] + [[f"人{i}", "PT-SFS-CSL", "2024-01-02"] for i in range(10_000)]
    rows[9_999][2] = "2024-02-30"  # the 9,999th data row, file row 10,000
    path = tmp_path / "parties.csv"
    path.write_bytes(csv_bytes(rows))
    before = Party.objects.count()
    seen = []
    report = imports.run(TEST_IMPORTER, path, by=users["changshou"], progress=lambda *a: seen.append(a))
    assert Party.objects.count() == before
    assert (report.rows, report.written, len(report.errors)) == (10_000, 0, 1)
    assert str(report.errors[0]) == "第10000行「日期」：“2024-02-30”不是有效日期，请写成 YYYY-MM-DD。"
    assert report.text().splitlines() == ["共10000行，发现1处错误，未导入任何记录：", str(report.errors[0])]
    assert seen[0] == ("read", 0, 0) and ("check", 10_000, 10_000) in seen and seen[-1][0] == "check"


def test_a_clean_file_is_written_in_one_go_with_one_audit_event(tmp_path, users):
    path = tmp_path / "parties.xlsx"
    path.write_bytes(xlsx_bytes([["姓名", "单位"], ["王甲", "PT-SFS-CSL"], ["李乙", "PT-SFS-CSL"]]))
    seen = []
    report = imports.run(TEST_IMPORTER, path, by=users["changshou"], progress=lambda *a: seen.append(a))
    assert report.ok and report.written == 2
    assert set(Party.objects.filter(name__in=["王甲", "李乙"]).values_list("unit__code", flat=True)) == {"PT-SFS-CSL"}
    assert seen[-2:] == [("write", 0, 2), ("write", 2, 2)]
    event = AuditEvent.objects.get(action="core.import.testparties")
    assert event.payload == {"kind": "testparties", "file": "parties.xlsx", "rows": 2, "written": 2,
                             "model": "core.party"}
    assert audit.verify().ok


# --- jobs ---------------------------------------------------------------------------------------------------

def _job(users, rows, user="changshou", name="parties.csv"):
    return imports.job_create(kind="testparties", file=ContentFile(csv_bytes(rows), name=name), by=users[user])


@pytest.fixture(autouse=True)
def _storage(tmp_path, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    monkeypatch.setattr(ImportJob._meta.get_field("file"), "storage", FileSystemStorage(tmp_path / "private"))


def test_imported_files_are_kept_outside_the_served_media(settings):
    from sifa.core.models.imports import private_storage

    location = str(private_storage().location)
    assert location.startswith(str(settings.VAR_DIR)) and not location.startswith(str(settings.MEDIA_ROOT))


def test_a_job_writes_its_progress_to_its_row_and_ends_done(users):
    job = _job(users, [["姓名", "单位"], *[[f"人{i}", "PT-SFS-CSL"] for i in range(1200)]])
    assert job.state == ImportJobState.QUEUED and job.unit.code == "PT-SFS-CSL"
    stored = []
    report = imports.job_run(job, progress=lambda *a: stored.append(
        ImportJob.objects.values_list("stage", "done", "total").get(pk=job.pk)))
    assert report.ok
    assert ("check", 500, 1200) in stored and ("check", 1200, 1200) in stored and ("write", 1200, 1200) in stored
    job.refresh_from_db()
    assert (job.state, job.rows, job.written, job.error_count, job.percent) == (ImportJobState.DONE, 1200, 1200, 0, 100)
    assert job.started_at and job.finished_at
    assert AuditEvent.objects.get(action="core.import.testparties").object_id == str(job.pk)
    assert imports.job_run(job).written == 1200  # a finished job does not run again
    assert Party.objects.filter(name__startswith="人").count() == 1200


def test_a_job_with_errors_ends_failed_with_the_errors_in_chinese(users):
    job = _job(users, [["姓名", "单位"], ["王甲", "PT-SFS-CSL"], ["", "PT-NONE"]])
    imports.job_run(job)
    job.refresh_from_db()
    assert job.state == ImportJobState.FAILED and job.error_count == 2
    assert job.errors == [[3, "姓名", "必填，不能为空。"], [3, "单位", "没有代码或名称为“PT-NONE”的单位。"]]
    assert not Party.objects.filter(name="王甲").exists()


def test_a_rejected_file_ends_the_job_with_the_reason(users):
    job = _job(users, [["姓名"], ["王甲"]])
    imports.job_run(job)
    job.refresh_from_db()
    assert job.state == ImportJobState.FAILED and job.errors == [[0, "", "第1行（表头）缺少列：单位。"]]


def test_the_job_page_polls_until_the_job_ends_then_shows_the_result(users, login):
    job = _job(users, [["姓名", "单位"], ["王甲", "PT-SFS-CSL"]])
    client = login(users["changshou"])
    page = client.get(reverse("import_job", args=[job.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'hx-trigger="every 1s"' in html and "sifa db_worker" in html
    imports.job_run(job)
    fragment = client.get(reverse("import_job", args=[job.pk]), headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in fragment and "<html" not in fragment
    assert "已导入：1条记录。" in fragment and reverse("party_list") in fragment


def test_the_result_page_lists_the_errors_and_offers_them_as_xlsx(users, login):
    job = _job(users, [["姓名", "单位"], ["王甲", "PT-NONE"]])
    imports.job_run(job)
    client = login(users["changshou"])
    html = client.get(reverse("import_job", args=[job.pk])).content.decode()
    assert "共1行，发现1处错误，未导入任何记录" in html and "没有代码或名称为“PT-NONE”的单位。" in html
    resp = client.get(reverse("import_errors", args=[job.pk]))
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(resp.content)).active
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [["行", "列", "问题"],
                                                                   [2, "单位", "没有代码或名称为“PT-NONE”的单位。"]]
    assert AuditEvent.objects.filter(action="core.import.errors_downloaded", actor=users["changshou"]).exists()


def test_a_job_is_seen_by_its_owner_and_the_people_of_its_unit_only(users, login, client):
    job = _job(users, [["姓名", "单位"], ["王甲", "PT-SFS-CSL"]], user="mediator")  # 长寿路街道司法所
    url = reverse("import_job", args=[job.pk])
    assert login(users["changshou"]).get(url).status_code == 200  # the same office
    client.logout()
    assert login(users["caoyang"]).get(url).status_code == 404  # another street's office
    client.logout()
    assert login(users["caoyang"]).get(reverse("import_errors", args=[job.pk])).status_code == 404
    assert set(imports.jobs_visible_to(users["mediator"])) == {job}
    assert not imports.jobs_visible_to(users["caoyang"]).exists()


def test_uploading_a_file_queues_a_job_that_runs_once_committed(users, login, settings,
                                                                 django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client = login(users["changshou"])
    url = reverse("import_new", args=["testparties"])
    page = client.get(url)
    assert page.status_code == 200 and "姓名" in page.content.decode()
    bad = client.post(url, {"file": ContentFile(b"x", name="parties.txt")})
    assert bad.status_code == 400 and "只能导入 .xlsx 或 .csv 文件" in bad.content.decode()
    with_file = ContentFile(csv_bytes([["姓名", "单位"], ["王甲", "PT-SFS-CSL"]]), name="名单.csv")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        resp = client.post(url, {"file": with_file})
    job = ImportJob.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("import_job", args=[job.pk])
    assert len(callbacks) == 1 and job.filename == "名单.csv" and job.user == users["changshou"]
    assert job.state == ImportJobState.DONE and Party.objects.filter(name="王甲").exists()


def test_only_those_who_may_register_may_import(users, login):
    assert login(users["stats"]).get(reverse("import_new", args=["testparties"])).status_code == 403
    assert login(users["changshou"]).get(reverse("import_new", args=["nothing"])).status_code == 404


def test_the_template_has_the_headers_and_an_example_row(users, login):
    resp = login(users["changshou"]).get(reverse("import_template", args=["testparties"]))
    sheet = load_workbook(io.BytesIO(resp.content)).active
    assert [list(r) for r in sheet.iter_rows(values_only=True)] == [["姓名", "单位", "日期"],
                                                                   ["王甲", "PT-SFS-CSL", "2024-01-02"]]
    assert sheet["A1"].font.bold and not sheet["C1"].font.bold


# --- the command line ---------------------------------------------------------------------------------------

def test_the_cli_imports_a_file_and_prints_the_report(tmp_path, users):
    path = tmp_path / "parties.csv"
    path.write_bytes(csv_bytes([["姓名", "单位"], ["王甲", "PT-SFS-CSL"]], "gbk"))
    out, err = io.StringIO(), io.StringIO()
    call_command("import", "testparties", str(path), "--user", "changshou", stdout=out, stderr=err)
    assert out.getvalue().strip() == "已导入1条记录。"
    assert "正在检查 1/1" in err.getvalue()
    assert ImportJob.objects.get().state == ImportJobState.DONE and Party.objects.filter(name="王甲").exists()


def test_the_cli_prints_the_errors_and_exits_1(tmp_path, users):
    path = tmp_path / "parties.csv"
    path.write_bytes(csv_bytes([["姓名", "单位"], ["王甲", "PT-SFS-CSL"], ["李乙", "PT-TWH-CYXC"]]))
    with pytest.raises(CommandError) as info:
        call_command("import", "testparties", str(path), "--user", "changshou")
    assert info.value.returncode == 1
    assert str(info.value).splitlines() == ["共2行，发现1处错误，未导入任何记录：",
                                            f"第3行「单位」：您无权登记{users['caoyang'].primary_unit.children.get(code='PT-TWH-CYXC')}的案件。"]
    assert not Party.objects.filter(name="王甲").exists()


def test_the_cli_refuses_unknown_users_and_users_without_the_permission(tmp_path, users):
    path = tmp_path / "parties.csv"
    path.write_bytes(csv_bytes([["姓名", "单位"], ["王甲", "PT-SFS-CSL"]]))
    with pytest.raises(CommandError, match="nobody"):
        call_command("import", "testparties", str(path), "--user", "nobody")
    with pytest.raises(CommandError, match="stats"):
        call_command("import", "testparties", str(path), "--user", "stats")
