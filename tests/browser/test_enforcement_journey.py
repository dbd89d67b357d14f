"""执法监督 in the browser, one journey per role: the division's handler (zhifa) receives a draft for the legality
review and issues the opinion, registers a normative document filed and orders its correction, opens the quarter's
catalogue and the scoring sheets; the bureau's leader reads the records and can change nothing. Every page walked is
Chinese: no English word and no raw code shows in its main text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .support import click_through, fill_required, require_line

pytestmark = pytest.mark.browser

ALLOWED = {"Excel", "CSV", "docx", "xlsx"}


def _chinese_only(page, where: str) -> None:
    text = page.locator("main").inner_text()
    words = {w for w in re.findall(r"[A-Za-z_]{4,}", text) if w not in ALLOWED}
    assert not words, f"{where}: English or raw code on the page: {sorted(words)}"


def _submit(page, form, values: dict[str, str]) -> None:
    fill_required(form, values)
    with page.expect_navigation():
        form.locator('button[type="submit"]').last.click()
    errors = page.locator(".error-box, .field.has-error")
    assert not errors.count(), errors.all_inner_texts()


def test_the_handler_reviews_a_draft_and_a_filed_document(signed_in, sifa_server):
    require_line(sifa_server, "/enforcement/legality/", "enforcement")
    page = signed_in("zhifa")
    page.goto("/enforcement/legality/")
    _chinese_only(page, "合法性审查列表")
    page.goto("/enforcement/legality/new/")
    _chinese_only(page, "登记送审草案")
    _submit(page, page.locator("main form[method=post]").first,
            {"subject": "major_decision", "title": "浏览器区重大行政决策草案"})
    expect(page).to_have_url(re.compile(r"/enforcement/legality/\d+/"))
    _chinese_only(page, "合法性审查")
    _submit(page, page.locator("main form[method=post]").first,
            {"conclusion": "amend", "opinion": "第五条应当删除。"})
    expect(page.locator("main")).to_contain_text("合审")
    expect(page.locator("main a[href$='opinion.docx']")).to_be_visible()

    page.goto("/enforcement/filings/new/")
    _chinese_only(page, "登记报备")
    _submit(page, page.locator("main form[method=post]").first,
            {"title": "浏览器规范性文件", "document_number": "浏览器规〔2026〕1号"})
    expect(page).to_have_url(re.compile(r"/enforcement/filings/\d+/"))
    _chinese_only(page, "备案文件")
    details = page.locator("details:has(input[name=step][value=review])")
    details.locator("summary").click()
    _submit(page, details.locator("form"), {"problem_found": "1", "text": "第四条与上位法不一致。"})
    expect(page.locator("main")).to_contain_text("责令自行纠正中")
    _chinese_only(page, "备案文件（纠正中）")

    page.goto("/enforcement/filings/catalogue/")
    expect(page.locator("main")).to_contain_text("浏览器规范性文件")
    _chinese_only(page, "备案目录")
    page.goto("/enforcement/sheets/")
    _chinese_only(page, "评分表")


def test_the_leader_reads_but_changes_nothing(signed_in, sifa_server):
    require_line(sifa_server, "/enforcement/legality/", "enforcement")
    page = signed_in("leader")
    page.goto("/enforcement/legality/")
    _chinese_only(page, "合法性审查列表（局领导）")
    rows = page.locator("main table.list tbody tr a[href^='/enforcement/legality/']")
    expect(rows.first).to_be_visible()
    click_through(page, rows.first)
    assert not page.locator("main form[method=post]").count()
    page.goto("/enforcement/filings/")
    assert not page.locator("main a.primary[href$='/new/']").count()
    _chinese_only(page, "备案审查列表（局领导）")
