"""Exports of lists to Excel (.xlsx, openpyxl in write-only mode) and CSV, streamed, and audited."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

from . import audit

# A cell that begins with one of these is a formula to Excel and WPS: an exported name such as
# "=HYPERLINK(...)" would run when the file is opened (CSV/formula injection). Such text gets a leading '.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_text(value) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    return _safe_text(value)


def _xlsx_cell(value):
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, date):
        return value
    return _safe_text(value)


class _Echo:
    def write(self, value):
        return value


def export_response(*, rows: Iterable[Sequence], headers: Sequence[str], filename: str, fmt: str,
                    user, action: str, summary: str = "") -> HttpResponse:
    audit.record_read(user, action, None, summary=summary or filename, payload={"format": fmt})
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def stream():
            yield "\ufeff"  # Excel opens a UTF-8 CSV with Chinese correctly only with a BOM
            yield writer.writerow([str(h) for h in headers])
            for row in rows:
                yield writer.writerow([_csv_cell(v) for v in row])

        resp = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}.csv"
        return resp
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append([_safe_text(h) for h in headers])
    for row in rows:
        ws.append([_xlsx_cell(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    resp = HttpResponse(buf.getvalue(),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}.xlsx"
    return resp


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
