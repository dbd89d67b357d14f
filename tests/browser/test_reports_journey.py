"""A bureau leader opens the statistics, follows a figure to the cases behind it, and downloads the annual
report. Skipped until the reports line (and a business line with statistics) is merged."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from .pages import LINE_PROBES
from .support import click_through, path_status, require_line

pytestmark = pytest.mark.browser

# The seed period: the demo reproduces the seed report's figures for 2022-01-01..2022-10-31.
SEED_FROM, SEED_TO = "2022-01-01", "2022-10-31"
LINES_WITH_STATISTICS = ["reconsideration", "mediation", "litigation"]


def _a_line_with_statistics(base_url: str) -> str:
    for line in LINES_WITH_STATISTICS:
        if path_status(base_url, LINE_PROBES[line]) != 404:
            return line
    pytest.skip("line not merged yet: no business line with statistics is merged")


def _figure_value(text: str) -> int | None:
    m = re.fullmatch(r"\s*([\d,]+)\s*\D*", text)
    return int(m.group(1).replace(",", "")) if m else None


def test_a_leader_follows_a_figure_to_its_cases(signed_in, sifa_server):
    require_line(sifa_server, LINE_PROBES["reports"], "reports")
    line = _a_line_with_statistics(sifa_server)
    page = signed_in("leader")
    page.goto("/")
    click_through(page, page.get_by_role("navigation", name="业务条线").locator('a[href="/reports/"]'))
    expect(page).to_have_url(re.compile(r"/reports/$"))
    click_through(page, page.locator(f'a[href="/reports/stats/{line}/"]').first)
    expect(page).to_have_url(re.compile(rf"/reports/stats/{line}/"))

    # The leader narrows the period to the seed's ten months with the period form.
    period = page.locator("form.filters").first
    period.locator('input[name="start"]').fill(SEED_FROM)
    period.locator('input[name="end"]').fill(SEED_TO)
    click_through(page, period.locator('button[type="submit"]'))
    expect(page).to_have_url(re.compile(r"start=2022-01-01"))

    # A figure small enough to fit on one list page (keyset pages of 50) is clicked through to its cases,
    # and the list shows exactly that many.
    links = page.locator("table.figures a.figure-link")
    expect(links.first).to_be_visible()
    chosen = None
    for i in range(links.count()):
        value = _figure_value(links.nth(i).inner_text())
        if value and 0 < value <= 50:
            chosen = (links.nth(i), value)
            break
    assert chosen, "no figure between 1 and 50 links to its cases on the statistics page"
    link, value = chosen
    href = link.get_attribute("href")
    assert "metric=" in href and f"from={SEED_FROM}" in href and f"to={SEED_TO}" in href, href
    click_through(page, link)
    expect(page).to_have_url(re.compile(r"metric="))
    rows = page.locator("main table.list tbody tr:not(:has(td.empty))")
    expect(rows).to_have_count(value)


def test_a_leader_downloads_the_annual_report(signed_in, sifa_server):
    require_line(sifa_server, LINE_PROBES["reports"], "reports")
    _a_line_with_statistics(sifa_server)
    page = signed_in("leader")
    page.goto("/reports/")
    click_through(page, page.locator('table.list a[href*="/reports/annual/"]').first)
    expect(page).to_have_url(re.compile(r"/reports/annual/\d+/$"))
    expect(page.locator(".error-box")).to_have_count(0)  # every placeholder resolves

    with page.expect_download() as info:
        page.locator('a[href$="/download.docx"]').click()
    download = info.value
    assert download.suggested_filename.endswith(".docx"), download.suggested_filename
    body = open(download.path(), "rb").read()
    with zipfile.ZipFile(io.BytesIO(body)) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    text = re.sub(r"<[^>]+>", "", xml)
    assert "法治政府建设" in text, "the annual report's text does not name its subject"
    assert not re.search(r"\{\{.*?\}\}", text), "placeholders were left unfilled in the .docx"
