"""信访 in the browser, one journey per role: the petitions staff (xinfang) register a matter transferred by the
petitions office with the petitioner's ID number (shown masked), raise a jurisdiction objection that is not agreed,
accept the matter, settle it by a mediation agreement and download the 调解协议书, and find it again by the whole
ID number posted to the list; the bureau's leader reads it. Every page walked is Chinese: no English word and no
raw event code."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from .support import click_through, fill_required, require_line, valid_id_number
from .test_pages import english_left

pytestmark = pytest.mark.browser

PETITIONER = "浏览器信访人"
ID = valid_id_number("310107", "19700305", "418")
CODE = re.compile(r"\b(petitions|core)\.[a-z_.]+\b")


def _chinese(page, where: str) -> None:
    words = [w for w in english_left(page) if not w.isupper()]  # upper-case words are codes (PT-RMJD-001)
    assert not words, f"{where}: English on the Chinese page: {words}"
    text = page.locator("main").inner_text()
    assert not CODE.search(text), f"{where}: a raw code on the page: {CODE.search(text).group(0)}"
    assert ID not in page.content(), f"{where}: the whole ID number is on the page"


def _step(page, transition: str, values: dict[str, str] | None = None) -> None:
    end = f"/act/{transition}/"
    link = page.locator(f'main a[href$="{end}"]')
    assert link.count(), f"the case page offers no “{transition}” step"
    click_through(page, link.first)
    _chinese(page, transition)
    form = page.locator("main form[method=post]").first
    fill_required(form, values)
    with page.expect_navigation():
        form.locator('button[type="submit"]').last.click()
    errors = page.locator(".error-box, .field.has-error")
    assert not errors.count(), f"“{transition}” was refused: {errors.all_inner_texts()}"
    expect(page).to_have_url(re.compile(r"/petitions/\d+/$"))


def test_staff_take_a_transferred_matter_to_a_mediation_agreement(signed_in, sifa_server):
    require_line(sifa_server, "/petitions/", "petitions")
    page = signed_in("xinfang")
    page.goto("/petitions/new/")
    _chinese(page, "registration")
    form = page.locator("main form[method=post]").first
    fill_required(form, {"channel": "transferred", "hotline_kind": "—", "kind": "complaint", "name": PETITIONER,
                         "id_number": ID,
                         "subject": "物业服务纠纷调解未果", "content": "请求督促物业公司赔偿漏水损失。"})
    with page.expect_navigation():
        form.locator('button[type="submit"]').last.click()
    if page.locator('input[type="checkbox"][name="register_anyway"]').count():  # a rerun on the same server: go on deliberately
        form = page.locator("main form[method=post]").first
        form.locator('input[type="checkbox"][name="register_anyway"]').check()
        with page.expect_navigation():
            form.locator('button[type="submit"]').last.click()
    expect(page).to_have_url(re.compile(r"/petitions/\d+/$"))
    case = re.search(r"/petitions/\d+/", page.url).group(0)
    expect(page.locator("main")).to_contain_text(PETITIONER)
    _chinese(page, "case page")

    _step(page, "object", {"reason": "该事项属于区房屋管理局职责。"})
    expect(page.locator("main")).to_contain_text("管辖异议")
    _step(page, "objection_refused", {"note": "区信访办核实：属于本局调解工作范围"})
    _step(page, "accept")
    _step(page, "settle", {"agreement": "mediation", "other_party": "浏览器物业公司",
                           "agreement_terms": "物业公司于十日内赔偿漏水损失人民币二千元。"})
    expect(page.locator("main")).to_contain_text("调解协议书")
    _chinese(page, "settled")

    link = page.locator(f'a[href^="{case}document/agreement"]')
    with page.expect_download() as info:
        link.first.click()
    with zipfile.ZipFile(io.BytesIO(open(info.value.path(), "rb").read())) as docx:
        text = re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode("utf-8"))
    assert "调解协议书" in text and "浏览器物业公司" in text and ID not in text

    page.goto("/petitions/")
    _chinese(page, "list")
    form = page.locator("main form.filters").first
    form.locator('input[name="q"]').fill(ID)
    with page.expect_navigation():
        form.locator('button[type="submit"]').first.click()
    assert ID not in page.url and "key=" in page.url
    expect(page.locator(f'main table.list a[href="{case}"]')).to_be_visible()

    leader = signed_in("leader")
    leader.goto(case)
    expect(leader.locator("main")).to_contain_text(PETITIONER)
    _chinese(leader, "leader's case page")
