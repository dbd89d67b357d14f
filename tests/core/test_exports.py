"""Exports are audited reads, and a cell can never become a formula."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from sifa.core.exports import export_response
from sifa.core.models import AuditEvent

pytestmark = pytest.mark.django_db

ROWS = [["=HYPERLINK(\"http://x\")", 3, date(2024, 10, 10), None], ["张三", -1, "+86", "@x"]]


def test_a_csv_export_is_audited_and_defuses_formulas(users):
    resp = export_response(rows=ROWS, headers=["姓名", "件数", "日期", "备注"], filename="名单", fmt="csv",
                           user=users["handler"], action="test.exported")
    text = b"".join(resp.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff姓名,件数,日期,备注")
    assert "'=HYPERLINK" in text and ",'+86,'@x" in text and ",-1," in text
    event = AuditEvent.objects.get(action="test.exported")
    assert event.payload == {"format": "csv", "read": True} and event.actor == users["handler"]


def test_an_xlsx_export_keeps_numbers_and_dates_and_defuses_formulas(users):
    resp = export_response(rows=ROWS, headers=["姓名", "件数", "日期", "备注"], filename="名单", fmt="xlsx",
                           user=users["handler"], action="test.exported")
    sheet = load_workbook(io.BytesIO(resp.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][0] == "'=HYPERLINK(\"http://x\")" and values[1][1] == 3
    assert values[1][2].date() == date(2024, 10, 10)
    assert values[2][1] == -1 and values[2][2] == "'+86"
    assert "filename*=UTF-8''%E5%90%8D%E5%8D%95.xlsx" in resp["Content-Disposition"]
