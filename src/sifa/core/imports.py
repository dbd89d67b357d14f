"""File imports: the machinery every line's import shares (docs/import.md).

A line declares an `Importer` (its columns, how one row becomes a record, and its batch writer) and registers
it in its AppConfig.ready; core never imports a line. Then, for any importer:

- `read_rows` reads the first sheet of an .xlsx (python-calamine) or a .csv (UTF-8 with or without BOM,
  else GB18030, which is what Excel saves on a Chinese Windows): the header row in any order, unknown columns
  ignored, empty rows skipped; a file without a required column is refused as a whole (`FileRejected`);
- each row is read through a `Row`, whose cell parsers (dates incl. Excel date cells, decimals, whole numbers,
  choices by label, units by code, lists separated by 、,，;；) collect every error as a `RowError(row,
  column, message)` in the user's language instead of stopping at the first;
- `run` checks every row first; with any error nothing is written and the `Report` lists them all; otherwise
  the importer's batch writer writes everything in one transaction, with one audit event for the import;
- `progress(stage, done, total)` is called as rows are read, checked and written.

An import from the web runs as a background task on an `ImportJob` (`job_create`, `job_run`): the job row holds
the file, the progress and the result, and is written in small autocommit updates *outside* the import's own
transaction, so that the page polling it sees the progress. The write itself is one transaction: on SQLite it
holds the database's write lock, so nothing else (not even a progress update through a second connection)
could commit before it ends; the job therefore shows "writing" until the transaction has committed and then
the result, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit, bulk, inputs
from .models.scoping import can_see_unit

if TYPE_CHECKING:
    from .models import ImportJob

log = logging.getLogger(__name__)

SEPARATORS = ("、", ",", "，", ";", "；")
MAX_BYTES = 50 * 1024 * 1024  # an .xlsx of 100,000 disputes is about 8 MB
PROGRESS_EVERY = 500  # rows between two progress reports
ERRORS_KEPT = 10_000  # errors stored on a job (the report counts them all)
EXTENSIONS = (".xlsx", ".csv")

Progress = Callable[[str, int, int], None]
STAGES = {"read": gettext_lazy("Reading the file"), "check": gettext_lazy("Checking the rows"),
          "write": gettext_lazy("Writing"), "": gettext_lazy("Waiting")}


class FileRejected(Exception):
    """The file as a whole cannot be imported (wrong type, unreadable, a required column missing)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Column:
    """A column of an import format: its header as it stands in the file (data: the documented format, in the
    district's language), whether every row must fill it, what it holds, and a value for the template."""

    header: str
    required: bool = False
    help: str = ""
    example: str | Callable[[], str] = ""  # a callable: a value of the district (core.district)


@dataclass
class RowError:
    row: int  # the row number as the user sees it in the file (the header is row 1; 0: the file itself)
    column: str
    message: str

    def __str__(self) -> str:
        where = _("Row %(row)s") % {"row": self.row} if self.row else _("The file")
        if self.column:
            where += f"「{self.column}」"
        return f"{where}：{self.message}"


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
            return _("%(n)s records imported.") % {"n": self.written}
        lines = [_("%(rows)s rows, %(n)s errors found; nothing was imported:") % {
            "rows": self.rows, "n": len(self.errors)}]
        lines += [str(e) for e in self.errors[:limit]]
        if len(self.errors) > limit:
            lines.append(_("… and %(n)s more errors not listed.") % {"n": len(self.errors) - limit})
        return "\n".join(lines)


# --- reading the file --------------------------------------------------------------------------------------

def _csv_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")  # Excel's "CSV" on a Chinese Windows is GBK, of which GB18030 is a superset
    except UnicodeDecodeError:
        raise FileRejected(_("The file's text encoding is neither UTF-8 nor GBK; save it again as CSV UTF-8.")) \
            from None


def _raw_rows(source, suffix: str) -> Iterator[Sequence]:
    if suffix == ".xlsx":
        # calamine (Rust) reads a 100,000-row sheet in seconds where openpyxl's read-only mode takes a minute.
        # Cells come as str, float, bool, date or datetime; an empty cell is "" (like an empty .csv cell).
        from python_calamine import CalamineError, CalamineWorkbook

        try:
            wb = (CalamineWorkbook.from_path(str(source)) if isinstance(source, str | Path)
                  else CalamineWorkbook.from_filelike(source))
        except (CalamineError, OSError, ValueError) as exc:
            raise FileRejected(_("The file is not a readable .xlsx workbook.")) from exc
        try:
            if not wb.sheet_names:
                return
            try:
                sheet = wb.get_sheet_by_index(0)
            except (CalamineError, ValueError) as exc:
                raise FileRejected(_("The file is not a readable .xlsx workbook.")) from exc
            # rows from the sheet's first, as Excel numbers them (leading empty rows come as empty rows)
            yield from sheet.iter_rows()
        finally:
            wb.close()
    elif suffix == ".csv":
        data = Path(source).read_bytes() if isinstance(source, str | Path) else source.read()
        yield from csv.reader(io.StringIO(_csv_text(data), newline=""))
    else:
        raise FileRejected(_("Only .xlsx and .csv files can be imported."))


def _blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def read_rows(source, columns: Sequence[Column], *, name: str | None = None) -> Iterator[tuple[int, dict]]:
    """(row number, {header: cell}) for each non-empty row of the file's first sheet. `source` is a path or a
    binary file object (then `name` gives its suffix). Raises FileRejected when a required column is missing."""
    suffix = Path(name or str(source)).suffix.lower()
    rows = _raw_rows(source, suffix)
    header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
    missing = [c.header for c in columns if c.required and c.header not in header]
    if missing:
        raise FileRejected(_("Row 1 (the header) lacks the columns: %(columns)s.") % {"columns": "、".join(missing)})
    known = {c.header for c in columns}
    keep = [(i, h) for i, h in enumerate(header) if h in known]
    names, at = [h for _i, h in keep], [i for i, _h in keep]
    cells = itemgetter(*at) if len(at) > 1 else (lambda values: tuple(values[i] for i in at))
    full = max(at, default=-1) + 1  # a row at least this long has every known column (most rows)
    for n, values in enumerate(rows, 2):
        if values is None or all(_blank(v) for v in values):
            continue
        if len(values) >= full:
            yield n, dict(zip(names, cells(values), strict=True))
        else:
            yield n, {h: values[i] for i, h in keep if i < len(values)}


# --- reading the cells -------------------------------------------------------------------------------------

def _excel_serial(v) -> date | None:
    from openpyxl.utils.datetime import from_excel

    try:
        return from_excel(v).date() if 1 <= v < 2958466 else None
    except (TypeError, ValueError, OverflowError):
        return None


@lru_cache(maxsize=4096)  # a file's dates repeat (a year of rows has at most 366 days of each kind)
def parse_date(text: str) -> date:
    """YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 or YYYYMMDD; ValueError otherwise."""
    t = text.strip().replace("年", "-").replace("月", "-").replace("日", "").replace("/", "-").replace(".", "-")
    if t.isdigit() and len(t) == 8:
        t = f"{t[:4]}-{t[4:6]}-{t[6:]}"
    parts = t.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(text)
    return date(int(parts[0]), int(parts[1]), int(parts[2]))


def split_list(text: str) -> list[str]:
    if not text:
        return []
    for sep in SEPARATORS[1:]:
        if sep in text:
            text = text.replace(sep, SEPARATORS[0])
    return [p for p in map(str.strip, text.split(SEPARATORS[0])) if p]


class Row:
    """One row's cells, read by column; every problem becomes a RowError in `errors` (the row goes on)."""

    def __init__(self, n: int, cells: dict, errors: list[RowError], columns: Sequence[Column] = (), *,
                 required: frozenset[str] | None = None):
        self.n, self.cells, self.errors = n, cells, errors
        # `required`: the required headers of `columns`, when the caller has them (`run`: once per file)
        self._required = required if required is not None else {c.header for c in columns if c.required}
        self._start = len(errors)

    @property
    def ok(self) -> bool:
        """No error found in this row so far."""
        return len(self.errors) == self._start

    def error(self, col: str, message: str) -> None:
        self.errors.append(RowError(self.n, col, message))

    def _within(self, col: str, validate: Callable, value) -> bool:
        """Whether `value` passes one of core.inputs' bounds; if not, its message is the cell's error."""
        try:
            validate(value)
        except ValidationError as exc:
            self.error(col, " ".join(exc.messages))
            return False
        return True

    def _needed(self, col: str, required: bool | None) -> bool:
        return col in self._required if required is None else required

    def text(self, col: str, *, required: bool | None = None, max_length: int | None = None) -> str:
        v = self.cells.get(col)
        if type(v) is str:  # most cells (every cell of a .csv)
            v = v.strip()
            if v and (max_length is None or len(v) <= max_length):
                return v
        else:
            if isinstance(v, datetime | date):
                v = (v.date() if isinstance(v, datetime) else v).isoformat()
            elif isinstance(v, float) and v.is_integer():
                v = int(v)  # a number typed into a text column: 3000, not 3000.0
            v = "" if v is None else str(v).strip()
        if not v and self._needed(col, required):
            self.error(col, _("Required; it cannot be empty."))
        if max_length and len(v) > max_length:
            self.error(col, _("At most %(n)s characters.") % {"n": max_length})
            v = v[:max_length]
        return v

    def day(self, col: str, *, required: bool | None = None) -> date | None:
        value = self._day(col, required=required)
        return value if value is None or self._within(col, inputs.validate_date_in_range, value) else None

    def _day(self, col: str, *, required: bool | None = None) -> date | None:
        v = self.cells.get(col)
        if type(v) is not str:  # an .xlsx cell of another type (every cell of a .csv is text)
            if isinstance(v, datetime):
                return v.date()
            if isinstance(v, date):
                return v
            if isinstance(v, int | float) and not isinstance(v, bool):
                serial = _excel_serial(v)  # a date cell that lost its format: Excel's day number
                if serial:
                    return serial
        text = self.text(col, required=required)
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError:
            self.error(col, _("“%(text)s” is not a valid date; write it as YYYY-MM-DD.") % {"text": text})
            return None

    def days(self, col: str, *, required: bool | None = None) -> list[date]:
        v = self.cells.get(col)
        if isinstance(v, datetime | date) or (isinstance(v, int | float) and not isinstance(v, bool)):
            one = self.day(col)
            return [one] if one else []
        out = []
        for text in self.names(col, required=required):
            try:
                day = parse_date(text)
                if self._within(col, inputs.validate_date_in_range, day):
                    out.append(day)
            except ValueError:
                self.error(col, _("“%(text)s” is not a valid date; write dates as YYYY-MM-DD, several separated by "
                                  "“、”.") % {"text": text})
        return out

    def decimal(self, col: str, *, required: bool | None = None, default: Decimal | None = Decimal(0),
                minimum: Decimal | None = Decimal(0)) -> Decimal | None:
        v = self.cells.get(col)
        if isinstance(v, int | float | Decimal) and not isinstance(v, bool):
            value = Decimal(str(v))
        else:
            text = self.text(col, required=required).replace(",", "").replace("，", "").replace("元", "")
            if not text:
                return default
            try:
                value = Decimal(text)
            except InvalidOperation:
                self.error(col, _("“%(text)s” is not a number.") % {"text": text})
                return default
            if not value.is_finite():
                self.error(col, _("“%(text)s” is not a number.") % {"text": text})
                return default
        if not self._within(col, inputs.validate_finite_number, value):
            return default
        if minimum is not None and value < minimum:
            self.error(col, _("It cannot be less than %(min)s.") % {"min": minimum})
        return value

    def integer(self, col: str, *, required: bool | None = None, default: int | None = 0,
                minimum: int | None = 0) -> int | None:
        value = self.decimal(col, required=required, default=None, minimum=None)
        if value is None:
            return default
        if value != value.to_integral_value():
            self.error(col, _("“%(text)s” is not a whole number.") % {"text": value})
            return default
        if minimum is not None and value < minimum:
            self.error(col, _("It cannot be less than %(min)s.") % {"min": minimum})
        if not self._within(col, inputs.validate_int_in_range, int(value)):
            return default
        return int(value)

    def choice(self, col: str, table: dict, *, required: bool | None = None, default=None):
        """The value whose label (a key of `table`) the cell holds; an empty cell gives `default`."""
        text = self.text(col, required=required)
        if not text:
            return default
        if text in table:
            return table[text]
        self.error(col, _("“%(text)s” is not one of the choices (%(choices)s).") % {
            "text": text, "choices": "、".join(str(k) for k in table if k)})
        return default

    def unit(self, col: str, units: dict, *, required: bool | None = None, kinds: Iterable[str] = (),
             user=None):
        """The unit the cell names — by its code, its name or its short name (区司法局, 普陀区司法局, PT-SFJ) — of one
        of `kinds` (when given) and, with `user`, within the units the user works in."""
        code = self.text(col, required=required)
        if not code:
            return None
        unit = units.get(code)
        if unit is None:
            found = _by_name(units).get(code, ())
            if len(found) > 1:
                self.error(col, _("“%(name)s” names more than one unit (%(codes)s): write its code.") % {
                    "name": code, "codes": "、".join(sorted(u.code for u in found))})
                return None
            unit = found[0] if found else None
        if unit is None:
            self.error(col, _("There is no unit with the code or name “%(code)s”.") % {"code": code})
            return None
        kinds = tuple(kinds)
        if kinds and unit.kind not in kinds:
            from .models import UnitKind

            self.error(col, _("%(unit)s is not a %(kind)s.") % {
                "unit": unit, "kind": "、".join(str(UnitKind(k).label) for k in kinds)})
            return None
        if user is not None and not can_see_unit(user, unit):
            self.error(col, _("You may not record cases of %(unit)s.") % {"unit": unit})
            return None
        return unit

    def names(self, col: str, *, required: bool | None = None) -> list[str]:
        return split_list(self.text(col, required=required))


_NAMES: tuple[dict, dict] | None = None  # (the units given, their index by name): one index per file's look-up


def _by_name(units: dict) -> dict[str, list]:
    """The units of a look-up by their names and short names (a name may be shared: then it names nothing)."""
    global _NAMES
    if _NAMES is None or _NAMES[0] is not units:
        index: dict[str, list] = {}
        for unit in {u.pk: u for u in units.values()}.values():
            for name in {unit.name, getattr(unit, "short_name", "")} - {""}:
                index.setdefault(name, []).append(unit)
        _NAMES = (units, index)
    return _NAMES[1]


# --- importers and running them ----------------------------------------------------------------------------

@dataclass
class Importer:
    """A line's import: `prepare(by)` returns its look-ups (units, categories) once per file; `check(row, ctx,
    by)` reads one Row into a record (its errors go on the row); `write(records, by)` is the line's batch writer,
    called inside the import's transaction, returning the records written."""

    kind: str  # in URLs and on the command line: "disputes"
    label: str  # what is imported, plural ("Disputes")
    permission: str  # who may import: whoever may register such cases
    columns: list[Column]
    check: Callable[[Row, dict, object], object]
    write: Callable[[list, object], Sequence]
    prepare: Callable[[object], dict] = lambda by: {}
    list_url: str = ""  # where the imported cases are listed
    model: str = ""  # "app_label.model" of the imported cases (for the audit event)

    def template_rows(self) -> tuple[list[str], list[str]]:
        return [c.header for c in self.columns], [c.example() if callable(c.example) else c.example for c in self.columns]


_REGISTRY: dict[str, Importer] = {}


def register(importer: Importer) -> None:
    """Register a line's importer (from its AppConfig.ready; registering the same kind again replaces it)."""
    _REGISTRY[importer.kind] = importer


def importer(kind: str) -> Importer:
    try:
        return _REGISTRY[kind]
    except KeyError:
        raise LookupError(kind) from None


def importers() -> list[Importer]:
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


@bulk.gc_paused()  # the file's rows, records and written rows are ~10^6 objects the collector would walk
def run(imp: Importer, source, *, by, name: str | None = None, progress: Progress | None = None,
        job=None) -> Report:
    """Check every row of the file, then, only when no row has an error, write them all in one transaction
    (with one audit event for the import). FileRejected when the file as a whole is unusable."""
    progress = progress or (lambda stage, done, total: None)
    report = Report()
    progress("read", 0, 0)
    rows = []
    for i, row in enumerate(read_rows(source, imp.columns, name=name), 1):
        rows.append(row)
        if i % (PROGRESS_EVERY * 10) == 0:
            progress("read", i, 0)
    report.rows = total = len(rows)
    progress("check", 0, total)
    ctx = imp.prepare(by)
    records = []
    required = frozenset(c.header for c in imp.columns if c.required)
    for i, (n, cells) in enumerate(rows, 1):
        row = Row(n, cells, report.errors, required=required)
        record = imp.check(row, ctx, by)
        if row.ok:
            records.append(record)
        if i % PROGRESS_EVERY == 0 or i == total:
            progress("check", i, total)
    if report.errors or not rows:
        return report
    progress("write", 0, total)
    try:
        with transaction.atomic():
            written = imp.write(records, by)
            report.written = len(written)
            audit.record(by, f"core.import.{imp.kind}", job, summary=f"{imp.label}: {name or Path(str(source)).name}",
                         payload={"kind": imp.kind, "file": name or Path(str(source)).name, "rows": report.rows,
                                  "written": report.written, "model": imp.model})
    except ValidationError as exc:  # the batch writer refused the batch as a whole: nothing was written
        report.written = 0
        report.errors += [RowError(0, "", m) for m in exc.messages]
        return report
    progress("write", report.written, total)
    return report


# --- jobs ---------------------------------------------------------------------------------------------------

def job_create(*, kind: str, file, by, name: str = "") -> ImportJob:
    """Keep the uploaded file with a new queued job, scoped to the user's unit (`job_enqueue` puts it on the task
    queue; the CLI runs it at once). `file` is an uploaded file or any Django File."""
    from .models import ImportJob

    imp = importer(kind)
    name = (name or Path(getattr(file, "name", "") or "import").name)[:200]
    job = ImportJob(kind=imp.kind, user=by, unit=by.primary_unit, filename=name)
    job.file.save(name, file if isinstance(file, File) else File(file, name=name), save=False)
    job.save()
    return job


def job_enqueue(job) -> None:
    """Run the job on the task queue once the transaction that created it has committed."""
    from .tasks import run_import_job

    transaction.on_commit(lambda: run_import_job.enqueue(job_id=job.pk))


def _job_progress(job) -> Progress:
    from .models import ImportJob

    def progress(stage: str, done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(stage=stage, done=done, total=total)
        job.stage, job.done, job.total = stage, done, total

    return progress


def job_run(job, *, progress: Progress | None = None) -> Report:
    """Run a queued job: the import in the district's language (the report is read by staff), the progress and
    then the result written to the job row. Never raises for bad input: the job ends failed with the reason."""
    from .models import ImportJobState

    claimed = type(job).objects.filter(pk=job.pk, state=ImportJobState.QUEUED).update(
        state=ImportJobState.RUNNING, started_at=timezone.now())
    job.refresh_from_db()
    if not claimed:  # another worker has it, or it has run
        return job.report()
    job_progress = _job_progress(job)

    def both(stage, done, total):
        job_progress(stage, done, total)
        if progress:
            progress(stage, done, total)

    report = Report()
    message = ""
    with translation.override(settings.LANGUAGE_CODE):
        try:
            with job.file.open("rb") as f:
                report = run(importer(job.kind), f, by=job.user, name=job.filename, progress=both, job=job)
        except FileRejected as exc:
            report.errors.append(RowError(0, "", exc.message))
            message = exc.message
        except Exception:  # the job must end, and say so, whatever went wrong
            log.exception("import job %s failed", job.pk)
            message = _("The import stopped because of an unexpected error; nothing was imported. Tell the "
                        "system administrator (job %(id)s).") % {"id": job.pk}
        job.rows, job.written, job.error_count = report.rows, report.written, len(report.errors)
        job.errors = [[e.row, e.column, e.message] for e in report.errors[:ERRORS_KEPT]]
        job.message = message
        job.state = ImportJobState.DONE if (report.ok and not message and report.rows) else ImportJobState.FAILED
        if job.state == ImportJobState.FAILED and not message and not report.rows:
            job.message = _("The file has no rows below its header.")
        job.finished_at = timezone.now()
        job.save(update_fields=["rows", "written", "error_count", "errors", "message", "state", "finished_at"])
    return report


def jobs_visible_to(user):
    """The jobs a user may see: their own, and, for a reader of case contents, those of the units they work in
    (a job's errors quote the rows it read: names, ID numbers)."""
    from django.db.models import Q

    from .models import ImportJob
    from .models.scoping import reads_case_contents, scope_q

    units = scope_q(user) if reads_case_contents(user) else Q(pk__in=[])
    return ImportJob.objects.filter(units | _owner_q(user))


def _owner_q(user):
    from django.db.models import Q

    return Q(user=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])


def error_rows(job) -> list[list]:
    return [list(e) for e in job.errors]


def template_workbook(imp: Importer) -> bytes:
    """An .xlsx with the importer's headers and one example row, the required headers in bold."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = str(imp.label)[:31]
    headers, example = imp.template_rows()
    ws.append(headers)
    ws.append(example)
    for cell, col in zip(ws[1], imp.columns, strict=True):
        cell.font = Font(bold=col.required)
        ws.column_dimensions[cell.column_letter].width = max(10, len(col.header) * 2 + 4)
    for cell in ws[2]:
        cell.number_format = "@"  # text: Excel keeps 2026-01-05 and 3,000 as typed
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
