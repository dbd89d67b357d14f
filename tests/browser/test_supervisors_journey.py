"""人民监督员 in the browser, one journey per role: the staff (jiandu) enter a selected supervisor answering each
disqualification of Art 10, find them in the pool by the whole ID number posted, register the procuratorate's
request and publish the candidate listing with its hash before the seed is known; the bureau's leader reads the
request and the pool. Every page walked is Chinese: no English word and no raw event code."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from .support import click_through, fill_required, require_line, valid_id_number
from .test_pages import english_left

pytestmark = pytest.mark.browser

ID = valid_id_number("310107", "19780910", "327")
CODE = re.compile(r"\b(supervisors|core)\.[a-z_.]+\b")


def _chinese(page, where: str) -> None:
    words = [w for w in english_left(page) if not w.isupper()]  # upper-case words are codes (PT-RMJD-001)
    assert not words, f"{where}: English on the Chinese page: {words}"
    text = page.locator("main").inner_text()
    assert not CODE.search(text), f"{where}: a raw code on the page: {CODE.search(text).group(0)}"
    assert ID not in page.content(), f"{where}: the whole ID number is on the page"


def _submit(page, values: dict[str, str]) -> None:
    form = page.locator("main form[method=post]").first
    fill_required(form, values)
    with page.expect_navigation():
        form.locator('button[type="submit"]').last.click()
    errors = page.locator(".error-box, .field.has-error")
    assert not errors.count(), errors.all_inner_texts()


def test_staff_enter_a_supervisor_and_publish_a_listing(signed_in, sifa_server):
    require_line(sifa_server, "/supervisors/", "supervisors")
    page = signed_in("jiandu")
    code = f"BR-{date.today():%m%d}-{ID[-4:]}"
    page.goto("/supervisors/pool/new/")
    _chinese(page, "new supervisor")
    if not page.locator("main").inner_text().count(code):
        answers = {f"art10_{d}": "no" for d in ("criminal", "dismissed", "licence", "debtor", "juror", "misconduct")}
        _submit(page, {"name": "浏览器监督员", "id_number": ID, "code": code, "field": "law",
                       "birth_date": "1978-09-10", "selected_on": "2022-03-01", "source": "无犯罪记录证明",
                       **answers})
        expect(page.locator("main")).to_contain_text("符合任职条件")
        _chinese(page, "supervisor page")

    page.goto("/supervisors/pool/")
    _chinese(page, "pool")
    form = page.locator("main form.filters").first
    form.locator('input[name="q"]').fill(ID)
    with page.expect_navigation():
        form.locator('button[type="submit"]').first.click()
    assert ID not in page.url and "key=" in page.url
    expect(page.locator("main table.list")).to_contain_text("浏览器监督员")

    page.goto("/supervisors/new/")
    _chinese(page, "new request")
    activity = date.today() + timedelta(days=20)
    _submit(page, {"activity_kind": "hearing", "activity": "浏览器拟不起诉案件公开听证",
                   "activity_on": activity.isoformat(), "requested": "2"})
    if page.locator('input[type="checkbox"][name="register_anyway"]').count():
        page.locator('input[type="checkbox"][name="register_anyway"]').check()
        with page.expect_navigation():
            page.locator('main form[method=post] button[type="submit"]').last.click()
    expect(page).to_have_url(re.compile(r"/supervisors/\d+/$"))
    request = re.search(r"/supervisors/\d+/", page.url).group(0)
    _chinese(page, "request page")

    click_through(page, page.locator('main a[href$="/act/prepare/"]').first)
    _chinese(page, "prepare")
    _submit(page, {"seed_source": "中国福利彩票双色球开奖号码",
                   "seed_published_on": (date.today() + timedelta(days=2)).isoformat()})
    expect(page.locator("main")).to_contain_text("SHA-256")
    _chinese(page, "listing published")

    leader = signed_in("leader")
    leader.goto(request)
    expect(leader.locator("main")).to_contain_text("浏览器拟不起诉案件公开听证")
    _chinese(leader, "leader's request page")
    leader.goto("/supervisors/pool/")
    _chinese(leader, "leader's pool")
