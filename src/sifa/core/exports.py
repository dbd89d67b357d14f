"""Exports of lists to Excel (.xlsx, openpyxl in write-only mode) and CSV, streamed, and audited."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse, StreamingHttpResponse
from openpyxl import Workbook

from . import audit


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
                yield writer.writerow(["" if v is None else v for v in row])

        resp = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
        resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}.csv"
        return resp
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append([str(h) for h in headers])
    for row in rows:
        ws.append(["" if v is None else (str(v) if not isinstance(v, (int, float)) else v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    resp = HttpResponse(buf.getvalue(),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}.xlsx"
    return resp


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)
