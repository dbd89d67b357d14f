"""A mediator imports a small .xlsx of disputes from the dispute list: the first file has one bad row, so nothing
is imported and the error is shown by row and column; the corrected file is imported, the job's progress runs to
the end (a task worker runs beside the server), and the disputes are in the list."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from .pages import LINE_PROBES
from .support import require_line

pytestmark = pytest.mark.browser

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NAMES = ["导入测试甲", "导入测试乙", "导入测试丙"]


def _xlsx(bad_day: str | None = None) -> bytes:
    today = date.today().isoformat()
    wb = Workbook()
    wb.active.append(["登记日期", "调解组织", "纠纷类型", "申请人", "对方当事人"])
    for i, name in enumerate(NAMES):
        wb.active.append([bad_day if (bad_day and i == 1) else today, "PT-TWH-CSL", "邻里", name, "对方某"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _upload(page, content: bytes) -> None:
    page.locator('input[type="file"]').set_input_files({"name": "纠纷.xlsx", "mimeType": XLSX, "buffer": content})
    page.locator("form.upload button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/imports/job/\d+/$"))


def test_a_mediator_imports_disputes_after_fixing_the_bad_row(signed_in, sifa_server):
    require_line(sifa_server, LINE_PROBES["mediation"], "mediation")
    page = signed_in("mediator")
    page.goto("/mediation/")
    page.get_by_role("link", name="导入", exact=True).click()
    expect(page).to_have_url(re.compile(r"/imports/disputes/$"))

    _upload(page, _xlsx(bad_day="2026-02-30"))
    status = page.locator("#import-status")
    expect(status).to_have_attribute("data-state", "failed", timeout=30_000)
    expect(status.get_by_role("alert")).to_contain_text("共3行，发现1处错误，未导入任何记录")
    expect(status.locator("table")).to_contain_text("“2026-02-30”不是有效日期")
    expect(status.locator("tbody tr").first.locator("td").first).to_have_text("3")
    expect(status.get_by_role("link", name="下载错误清单（.xlsx）")).to_be_visible()

    status.get_by_role("link", name="导入修改后的文件").click()
    _upload(page, _xlsx())
    expect(status).to_have_attribute("data-state", "done", timeout=30_000)
    expect(status).to_contain_text("已导入：3条记录。")
    status.get_by_role("link", name="在列表中查看").click()
    expect(page).to_have_url(re.compile(r"/mediation/$"))
    for name in NAMES:
        expect(page.locator("table.list")).to_contain_text(name)
