"""Import of disputes from Excel (.xlsx) or CSV in the column format of docs/import.md.

The mediation line has a set-based batch writer (`sifa.mediation.services.disputes_import`, which checks each
record's path against the line's transition table and writes numbers, history, parties, agreements, clocks and
audit events in bulk) but no file import; this module is that file import, built on the line's writer:

- every row is read and checked first — dates, unit codes, types, the outcome's required columns — and then
  its path through the procedure is checked by the line's own rule (`services._validate_record`);
- the error report names the row, the column and what is wrong, in Chinese; any error and nothing is written
  (all or nothing); otherwise one call of `disputes_import` writes everything in one transaction;
- `progress(stage, done, total)` is called as rows are read and checked, and once more when written.

It belongs in the mediation line (an `imports.py` beside `services.py`, with an upload page); it lives here
until the line takes it over.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

COLUMNS = ["登记日期", "调解组织", "纠纷类型", "调解类型", "来源", "申请人", "对方当事人", "涉及金额", "涉及人数",
           "受理日期", "调解日期", "调解结果", "办结日期", "协议形式", "履行情况", "履行日期", "告知途径", "委派法院", "法院案号",
           "委派方式", "反馈法院日期", "纠纷简述"]
REQUIRED = ["登记日期", "调解组织", "纠纷类型", "申请人"]
TRACKS = {"": "people", "人民调解": "people", "诉前调解": "prelitigation", "行政争议调解": "administrative"}
SOURCES = {"": "application", "当事人申请": "application", "主动调解": "initiative", "公安移送": "police",
           "法院委派": "court", "部门移送": "agency", "中心分流": "centre", "排查发现": "screening"}
OUTCOMES = {"": "", "调解成功": "agreed", "调解不成功": "failed", "撤回": "withdrawn", "拒绝调解": "refused"}
FORMS = {"": "", "书面": "written", "口头": "oral"}
PERFORMANCE = {"": "", "已履行": "performed", "未履行": "breached"}
ROUTES = {"仲裁": "arbitration", "行政": "administrative", "诉讼": "court"}
REFERRALS = {"": "delegated", "委派": "delegated", "委托（普通程序）": "entrusted_ordinary",
             "委托（简易程序）": "entrusted_simplified"}
SEPARATORS = ("、", ",", "，", ";", "；")


@dataclass
class RowError:
    row: int  # the row number as the user sees it in the file (the header is row 1)
    column: str
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行" + (f"「{self.column}」" if self.column else "") + f"：{self.message}"


@dataclass
class Report:
    rows: int = 0
    written: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and self.written == self.rows

    def text(self, limit: int = 200) -> str:
        if self.ok:
            return f"已导入{self.written}条纠纷。"
        lines = [f"共{self.rows}行，发现{len(self.errors)}处错误，未导入任何记录："]
        lines += [str(e) for e in self.errors[:limit]]
        if len(self.errors) > limit:
            lines.append(f"……另有{len(self.errors) - limit}处错误未列出。")
        return "\n".join(lines)


def read_rows(path: Path | str) -> Iterator[tuple[int, dict]]:
    """(row number, {column: text}) for each non-empty row of a .csv (UTF-8, with or without BOM) or .xlsx."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path, read_only=True, data_only=True)
        rows = wb.worksheets[0].iter_rows(values_only=True)
    elif path.suffix.lower() == ".csv":
        f = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115  (closed below)
        rows = csv.reader(f)
    else:
        raise ValidationError("只能导入 .xlsx 或 .csv 文件。")
    try:
        header = [str(h or "").strip() for h in next(rows, [])]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise ValidationError(f"第1行（表头）缺少列：{'、'.join(missing)}。")
        for n, values in enumerate(rows, 2):
            if values is None or all(v in (None, "") for v in values):
                continue
            yield n, {h: v for h, v in zip(header, values, strict=False) if h}
    finally:
        if path.suffix.lower() == ".csv":
            f.close()
        else:
            wb.close()


class _Row:
    """Reads one row's cells, collecting errors instead of stopping at the first."""

    def __init__(self, n: int, cells: dict, errors: list[RowError]):
        self.n, self.cells, self.errors = n, cells, errors

    def text(self, col: str, *, required: bool = False) -> str:
        v = self.cells.get(col)
        v = "" if v is None else (v.strftime("%Y-%m-%d") if isinstance(v, datetime | date) else str(v)).strip()
        if required and not v:
            self.error(col, "必填，不能为空。")
        return v

    def error(self, col: str, message: str) -> None:
        self.errors.append(RowError(self.n, col, message))

    def day(self, col: str, *, required: bool = False) -> date | None:
        v = self.cells.get(col)
        if isinstance(v, datetime):
            return v.date()
        if isinstance(v, date):
            return v
        text = self.text(col, required=required)
        if not text:
            return None
        try:
            return date.fromisoformat(text.replace("/", "-"))
        except ValueError:
            self.error(col, f"“{text}”不是有效日期，请写成 YYYY-MM-DD。")
            return None

    def choice(self, col: str, table: dict):
        text = self.text(col)
        if text not in table:
            self.error(col, f"“{text}”不是可选值（{'、'.join(k for k in table if k)}）。")
            return None
        return table[text]

    def number(self, col: str, kind=Decimal, default=0):
        text = self.text(col).replace(",", "")
        if not text:
            return default
        try:
            value = kind(text) if kind is Decimal else int(Decimal(text))
        except (InvalidOperation, ValueError):
            self.error(col, f"“{text}”不是数字。")
            return default
        if value < 0:
            self.error(col, "不能为负数。")
        return value

    def days(self, col: str) -> list[date]:
        out = []
        for text in self.names(col):
            try:
                out.append(date.fromisoformat(text.replace("/", "-")))
            except ValueError:
                self.error(col, f"“{text}”不是有效日期，请写成 YYYY-MM-DD，多个日期以“、”分隔。")
        return out

    def names(self, col: str) -> list[str]:
        text = self.text(col)
        for sep in SEPARATORS[1:]:
            text = text.replace(sep, SEPARATORS[0])
        return [p.strip() for p in text.split(SEPARATORS[0]) if p.strip()]


def parse(path, *, progress: Callable[[str, int, int], None] | None = None) -> tuple[list, Report]:
    """Read and check every row; the DisputeRecords and the report (with every error found)."""
    from sifa.mediation.models import DisputeType

    from sifa.core.models import Unit
    from sifa.mediation import services

    units = {u.code: u for u in Unit.objects.all()}
    types = {}
    for t in DisputeType.objects.filter(active=True):
        types[t.name] = types[t.code] = t
    report = Report()
    records, rows = [], list(read_rows(path))
    total = len(rows)
    report.rows = total
    for i, (n, cells) in enumerate(rows, 1):
        before = len(report.errors)
        r = _Row(n, cells, report.errors)
        registered = r.day("登记日期", required=True)
        code = r.text("调解组织", required=True)
        unit = units.get(code)
        if code and unit is None:
            r.error("调解组织", f"没有代码为“{code}”的单位。")
        type_text = r.text("纠纷类型", required=True)
        dispute_type = types.get(type_text)
        if type_text and dispute_type is None:
            r.error("纠纷类型", f"“{type_text}”不是已设置的纠纷类型。")
        track = r.choice("调解类型", TRACKS)
        applicant = r.text("申请人", required=True)
        outcome = r.choice("调解结果", OUTCOMES)
        concluded = r.day("办结日期", required=bool(outcome))
        form = r.choice("协议形式", FORMS)
        if outcome == "agreed" and not form:
            r.error("协议形式", "调解成功的，须写明书面或口头协议。")
        routes = [ROUTES.get(x) for x in r.names("告知途径")]
        if None in routes:
            r.error("告知途径", f"可选值为{'、'.join(ROUTES)}，多项以“、”分隔。")
        if outcome == "failed" and not routes:
            r.error("告知途径", "调解不成功的，须写明已告知当事人的其他途径。")
        court_code = r.text("委派法院", required=track == "prelitigation")
        court = units.get(court_code) if court_code else None
        if court_code and court is None:
            r.error("委派法院", f"没有代码为“{court_code}”的法院。")
        reference = r.text("法院案号", required=track == "prelitigation")
        performance = r.choice("履行情况", PERFORMANCE)
        record = services.DisputeRecord(
            unit=unit, dispute_type=dispute_type, registered_on=registered, track=track or "people",
            source=r.choice("来源", SOURCES) or "application", summary=r.text("纠纷简述"),
            parties=[applicant, *r.names("对方当事人")], amount_involved=r.number("涉及金额"),
            persons=r.number("涉及人数", kind=int, default=2) or 2, accepted_on=r.day("受理日期"),
            sessions=[(d, "") for d in r.days("调解日期")],
            outcome=outcome or "", concluded_on=concluded, agreement_form=form or "",
            terms="按调解协议履行。" if outcome == "agreed" else "",
            other_routes=[x for x in routes if x], performance=performance or "",
            performance_on=r.day("履行日期") if performance else None, court=court, court_reference=reference,
            referral_kind=(r.choice("委派方式", REFERRALS) or "delegated") if court else "",
            court_returned_on=r.day("反馈法院日期"))
        if len(report.errors) == before:
            try:  # the line's own check of the record's path through its procedure
                services._validate_record(n, record)
            except ValidationError as e:
                msg = "；".join(e.messages)
                for sep in (": ", "："):  # the line's message starts with its own "Record n:"
                    if sep in msg:
                        msg = msg.split(sep, 1)[1]
                        break
                report.errors.append(RowError(n, "", msg))
        records.append(record)
        if progress and (i % 1000 == 0 or i == total):
            progress("check", i, total)
    return records, report


def import_disputes(path, *, by, progress: Callable[[str, int, int], None] | None = None) -> Report:
    """Check the whole file; write every row (one transaction) only when no row has an error."""
    from sifa.mediation import services

    records, report = parse(path, progress=progress)
    if report.errors:
        return report
    with transaction.atomic():
        written = services.disputes_import(records=records, by=by)
    report.written = len(written)
    if progress:
        progress("write", report.written, report.rows)
    return report
